import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { helm } from '../../helpers'
import { writeChart } from '../../support/charts'

// no --host, no cluster and nothing on Tiller's local port: helm says where it looked
const noTiller =
  'Error: could not find tiller: no cluster is configured (no $KUBECONFIG, ~/.kube/config or service account) and nothing listens on 127.0.0.1:44134; --host or $HELM_HOST names a Tiller\n'

const chartDir = (): string =>
  writeChart({
    apiVersion: 'v1',
    name: 'web',
    version: '1.2.3',
    rawValues: 'greeting: hello\nreplicas: 1\n',
    templates: {
      'cm.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cfg\ndata:\n  greeting: {{ .Values.greeting | quote }}\n',
      'job.yaml':
        'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {{ .Release.Name }}-init\n  annotations:\n    helm.sh/hook: pre-install\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{ name: init, image: busybox }]\n',
      'NOTES.txt': 'Enjoy {{ .Release.Name }}.\n',
    },
  })

const install = suite('helm install --dry-run (in-process Tiller)')
install('should print the release as Helm v2 does with --debug, then the plan', async () => {
  const dir = chartDir()
  const r = await helm(['install', dir, '--dry-run', '--debug', '--name', 'demo', '--set', 'greeting=hi'], {
    env: { TZ: 'UTC' },
  })
  assert.is(r.stderr, '')
  assert.is(r.code, 0)
  const out = r.stdout.replace(/^RELEASED: .*$/m, 'RELEASED: <date>')
  assert.is(
    out,
    [
      '[debug] Original chart version: ""',
      `[debug] CHART PATH: ${dir}`,
      '',
      'NAME:   demo',
      'REVISION: 1',
      'RELEASED: <date>',
      'CHART: web-1.2.3',
      'USER-SUPPLIED VALUES:',
      'greeting: hi',
      '',
      'COMPUTED VALUES:',
      'greeting: hi',
      'replicas: 1',
      '',
      'HOOKS:',
      '---',
      '# demo-init',
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata:',
      '  name: demo-init',
      '  annotations:',
      '    helm.sh/hook: pre-install',
      'spec:',
      '  template:',
      '    spec:',
      '      restartPolicy: Never',
      '      containers: [{ name: init, image: busybox }]',
      'MANIFEST:',
      '',
      '---',
      '# Source: web/templates/cm.yaml',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: demo-cfg',
      'data:',
      '  greeting: "hi"',
      '',
      'PLAN:',
      '+ create ConfigMap/default/demo-cfg',
      'Plan: 1 to create, 0 to change, 0 to delete, 0 unchanged.',
      '',
    ].join('\n'),
  )
  assert.match(r.stdout, /^RELEASED: (Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}$/m)
})
install('should print only the name without --debug and generate one when none is given', async () => {
  const r = await helm(['install', chartDir(), '--dry-run'])
  assert.is(r.code, 0)
  assert.match(r.stdout, /^NAME: {3}[a-z]+-[a-z]+\n$/)
})
install('should accept Helm 3 form install NAME CHART', async () => {
  const r = await helm(['install', 'named', chartDir(), '--dry-run'])
  assert.is(r.stdout, 'NAME:   named\n')
})
install('should fail honestly without --dry-run while no Tiller is reachable', async () => {
  const r = await helm(['install', chartDir(), '--name', 'demo'])
  assert.equal([r.code, r.stdout, r.stderr], [1, '', noTiller])
})
install('should treat an empty HELM_HOST as unset, never as an in-process Tiller', async () => {
  const r = await helm(['install', chartDir(), '--name', 'demo'], { env: { HELM_HOST: '' } })
  assert.equal([r.code, r.stdout, r.stderr], [1, '', noTiller])
})
install('should give Helm errors for a bad name and a missing chart', async () => {
  const bad = await helm(['install', chartDir(), '--dry-run', '--name', 'Bad!'])
  assert.equal([bad.code, bad.stderr.split(',')[0]], [1, 'Error: invalid release name'])
  const missing = await helm(['install', '/nonexistent/chart', '--dry-run'])
  assert.equal([missing.code, missing.stderr], [1, 'Error: path "/nonexistent/chart" not found\n'])
})
install.run()

const upgrade = suite('helm upgrade --install --dry-run (in-process Tiller)')
upgrade('should install a release that does not exist, saying so', async () => {
  const r = await helm(['upgrade', '--install', 'demo', chartDir(), '--dry-run'])
  assert.equal(
    [r.code, r.stdout, r.stderr],
    [0, 'Release "demo" does not exist. Installing it now.\nNAME:   demo\n', ''],
  )
})
upgrade('should print the debug block for --debug', async () => {
  const r = await helm(['upgrade', '-i', 'demo', chartDir(), '--dry-run', '--debug'])
  assert.ok(r.stdout.includes('CHART: web-1.2.3\n'))
  assert.ok(r.stdout.includes('+ create ConfigMap/default/demo-cfg\n'))
})
upgrade('should fail without --dry-run while no Tiller is reachable', async () => {
  const r = await helm(['upgrade', 'demo', chartDir()])
  assert.equal([r.code, r.stderr], [1, noTiller])
})
upgrade.run()

const naming = suite('helm install --name-template')
naming('should name the release from a Go template with Sprig', async () => {
  const r = await helm([
    'install',
    chartDir(),
    '--dry-run',
    '--name-template',
    '{{ "web" | upper }}-{{ printf "%d" 7 }}',
  ])
  assert.equal([r.code, r.stdout, r.stderr], [0, 'NAME:   WEB-7\n', ''])
})
naming('should report a template that does not parse', async () => {
  const r = await helm(['install', chartDir(), '--dry-run', '--name-template', '{{ nope'])
  assert.is(r.code, 1)
  assert.match(r.stderr, /^Error: /)
})
naming.run()

const usage = suite('install/upgrade argument counts')
usage('should say what is missing in Helm v2 words', async () => {
  assert.equal(await helm(['install']), {
    code: 1,
    stdout: '',
    stderr: 'Error: This command needs 1 argument: chart name\n',
  })
  assert.equal(await helm(['upgrade', 'demo']), {
    code: 1,
    stdout: '',
    stderr: 'Error: This command needs 2 arguments: release name, chart path\n',
  })
})
usage.run()

const remote = suite('helm install/upgrade against a Tiller at --host (gRPC)')
remote('should install and upgrade for real and print the status as Helm v2 does', async () => {
  const { startGrpcServer } = await import('../../../src/adapters/grpc/Server')
  const { createTiller } = await import('../../../src/tiller/embed')
  const server = await startGrpcServer({ api: createTiller(), listen: '127.0.0.1:0', version: 'v2.17.0' })
  try {
    const host = `127.0.0.1:${server.port}`
    const dir = chartDir()
    const r = await helm(['install', dir, '--name', 'demo', '--host', host], { env: { TZ: 'UTC' } })
    assert.is(r.stderr, '')
    assert.is(r.code, 0)
    const out = r.stdout.replace(/^LAST DEPLOYED: .*$/m, 'LAST DEPLOYED: <date>').replace(/\d+s$/m, '<age>')
    assert.is(
      out,
      [
        'NAME:   demo',
        'LAST DEPLOYED: <date>',
        'NAMESPACE: default',
        'STATUS: DEPLOYED',
        '',
        'RESOURCES:',
        '==> v1/ConfigMap',
        'NAME      DATA  AGE',
        'demo-cfg  1     <age>',
        '',
        'NOTES:',
        'Enjoy demo.',
        '',
        '',
      ].join('\n'),
    )
    const u = await helm(['upgrade', 'demo', dir, '--set', 'greeting=bye'], { env: { HELM_HOST: host } })
    assert.is(u.code, 0)
    assert.match(
      u.stdout,
      /^Release "demo" has been upgraded\.\nLAST DEPLOYED: .*\nNAMESPACE: default\nSTATUS: DEPLOYED\n/,
    )
  } finally {
    await server.stop(0)
  }
})
remote.run()

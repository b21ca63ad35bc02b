// Taking over from a real Helm v2 Tiller: its ConfigMap record (protobuf hapi.release.Release, gzip, base64,
// labels NAME/OWNER/STATUS/VERSION/CREATED_AT) and the objects it created are upgraded by our Tiller, and a chart
// that put `heritage: {{ .Release.Service }}` into a Deployment's immutable selector keeps it unchanged.
import { Buffer } from 'node:buffer'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { constants, gzipSync } from 'node:zlib'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { encodeMessage } from '../../src/adapters/grpc/Proto'
import { helmProc, kubectl, scratch, startKubeSandbox, startTiller } from '../support/processes'
import { writeChartDir } from '../support/charts'

const deploymentTemplate = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
  labels:
    app: legacy
    heritage: {{ .Release.Service }}
    release: {{ .Release.Name }}
spec:
  replicas: {{ .Values.replicas }}
  selector:
    matchLabels:
      app: legacy
      heritage: {{ .Release.Service }}
      release: {{ .Release.Name }}
  template:
    metadata:
      labels:
        app: legacy
        heritage: {{ .Release.Service }}
        release: {{ .Release.Name }}
    spec:
      containers:
        - name: app
          image: nginx:1.19
`

// what that template rendered to under the v2 Tiller (release "web", replicas 1)
const renderedByV2 = deploymentTemplate
  .replaceAll('{{ .Release.Name }}', 'web')
  .replaceAll('{{ .Release.Service }}', 'Tiller')
  .replace('{{ .Values.replicas }}', '1')
  .trimEnd()

const chartYaml = 'apiVersion: v1\nname: legacy\nversion: 0.1.0\nappVersion: "1.0"\n'

/** The ConfigMap a v2.17 Tiller writes for revision 1 of "web" (pkg/storage/driver/cfgmaps.go). */
const v2ConfigMap = () => {
  const at = { seconds: 1_600_000_000, nanos: 0 }
  const release = {
    name: 'web',
    info: {
      status: { code: 'DEPLOYED' },
      first_deployed: at,
      last_deployed: at,
      Description: 'Install complete',
    },
    chart: {
      metadata: { name: 'legacy', version: '0.1.0', appVersion: '1.0', apiVersion: 'v1' },
      templates: [{ name: 'templates/deployment.yaml', data: Buffer.from(deploymentTemplate) }],
      values: { raw: 'replicas: 1\n' },
    },
    config: { raw: '' },
    // v2's renderResources: "\n---\n# Source: " + name + "\n" + content, for each manifest
    manifest: `\n---\n# Source: legacy/templates/deployment.yaml\n${renderedByV2}`,
    version: 1,
    namespace: 'default',
  }
  const data = gzipSync(encodeMessage('hapi.release.Release', release), {
    level: constants.Z_BEST_COMPRESSION,
  }).toString('base64')
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'web.v1',
      namespace: 'kube-system',
      labels: { NAME: 'web', OWNER: 'TILLER', STATUS: 'DEPLOYED', VERSION: '1', CREATED_AT: '1600000000' },
    },
    data: { release: data },
  }
}

const takeOver = suite('e2e: taking over a Helm v2 Tiller')
takeOver(
  'should upgrade a v2 release whose selector holds .Release.Service without changing the selector',
  async () => {
    const dir = scratch('takeover')
    const kc = join(dir, 'kubeconfig')
    const chart = writeChartDir(
      { 'Chart.yaml': chartYaml, 'values.yaml': 'replicas: 1\n', 'templates/deployment.yaml': deploymentTemplate },
      { parent: dir, name: 'legacy' },
    )
    writeFileSync(join(dir, 'deploy.yaml'), `${renderedByV2}\n`)
    writeFileSync(join(dir, 'record.json'), JSON.stringify(v2ConfigMap()))
    const sandbox = await startKubeSandbox(kc)
    let tiller: Awaited<ReturnType<typeof startTiller>> | undefined
    try {
      // what the v2 Tiller left behind: the Deployment it created and its record
      for (const f of ['deploy.yaml', 'record.json']) {
        const made = await kubectl(kc, [
          'create',
          '-n',
          f === 'deploy.yaml' ? 'default' : 'kube-system',
          '-f',
          join(dir, f),
        ])
        assert.is(made.code, 0, made.stderr)
      }
      tiller = await startTiller(kc, dir)
      const env = { HOME: dir, HELM_HOME: join(dir, 'helm-home'), HELM_HOST: tiller.address }
      const listed = await helmProc(['list', '-q'], { cwd: dir, env })
      assert.is(listed.stdout, 'web\n', listed.stderr)
      const up = await helmProc(['upgrade', 'web', chart, '--set', 'replicas=2'], { cwd: dir, env })
      assert.is(up.code, 0, up.stderr)
      const selector = await kubectl(kc, [
        'get',
        'deployment',
        'web',
        '-n',
        'default',
        '-o',
        'jsonpath={.spec.selector.matchLabels}',
      ])
      assert.equal(JSON.parse(selector.stdout), { app: 'legacy', heritage: 'Tiller', release: 'web' })
      const replicas = await kubectl(kc, [
        'get',
        'deployment',
        'web',
        '-n',
        'default',
        '-o',
        'jsonpath={.spec.replicas}',
      ])
      assert.is(replicas.stdout, '2')
      const manifest = await helmProc(['get', 'manifest', 'web'], { cwd: dir, env })
      assert.match(manifest.stdout, /^\n---\n# Source: legacy\/templates\/deployment.yaml\n/)
      assert.not.match(manifest.stdout, /Helm/)
      const history = await helmProc(['history', 'web'], { cwd: dir, env })
      assert.match(history.stdout, /\n1 +\t.+\tSUPERSEDED/)
      assert.match(history.stdout, /\n2 +\t.+\tDEPLOYED/)
      // Tiller logged each request as v2 did, without the values
      assert.match(tiller.output(), /\n\[tiller\] \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d preparing update for web\n/)
      assert.match(tiller.output(), /\[tiller\] .* getting history for release web\n/)
      assert.not.match(tiller.output(), /replicas/)
    } finally {
      await tiller?.stop()
      await sandbox.stop()
    }
  },
)
takeOver.run()

// Writes test/fixtures/helm3-records/*.json: release records as the REAL Helm (4.1.4, the judge) stores them,
// each the JSON inside a Secret's data.release (base64 and gzip undone, bytes untouched). Helm runs against a
// kube-sandbox on several charts and operations (values of every JSON kind, a v1 chart with requirements,
// a subchart, a schema and empty files, a packaged chart, a chart without values.yaml, hooks that ran, tests,
// release labels, a rollback, a failed install, an uninstall that keeps history) and in a zone east of UTC.
// Usage: node scripts/golden/helm3-records.mjs   (HELM_REFERENCE overrides the binary's path)
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { gunzipSync } from 'node:zlib'

const repo = new URL('../../', import.meta.url).pathname
const out = join(repo, 'test/fixtures/helm3-records')
const helm = [process.env.HELM_REFERENCE, join(repo, '.cache/helm/helm')].find((p) => p && existsSync(p))
if (!helm) {
  console.error('no reference helm: run scripts/reference-helm.mjs or set HELM_REFERENCE')
  process.exit(1)
}
const home = mkdtempSync(join(tmpdir(), 'helm3-records-'))
const kubeconfig = join(home, 'kubeconfig')
const sandbox = spawn(join(repo, 'bin/kube-sandbox'), ['--kubeconfig-out', kubeconfig], { stdio: 'ignore' })
for (let i = 0; i < 100 && !existsSync(kubeconfig); i++) await new Promise((r) => setTimeout(r, 100))

const env = (tz) => ({
  PATH: process.env.PATH,
  HOME: home,
  TZ: tz,
  KUBECONFIG: kubeconfig,
  HELM_CACHE_HOME: join(home, 'cache'),
  HELM_CONFIG_HOME: join(home, 'config'),
  HELM_DATA_HOME: join(home, 'data'),
})
const run = (args, tz = 'UTC') => {
  try {
    return execFileSync(helm, args, { env: env(tz), cwd: home, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (e) {
    return `${e.stdout}${e.stderr}`
  }
}
const write = (base, files) => {
  rmSync(join(home, base), { recursive: true, force: true })
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(home, base, p)), { recursive: true })
    writeFileSync(join(home, base, p), text)
  }
}
const kubectl = (...args) =>
  JSON.parse(execFileSync('kubectl', [...args, '-o', 'json'], { env: env('UTC'), encoding: 'utf8' }))
const save = (ns, release, version, as = `${release}.v${version}`) => {
  const s = kubectl('get', 'secret', '-n', ns, `sh.helm.release.v1.${release}.v${version}`)
  const once = Buffer.from(s.data.release, 'base64').toString('utf8')
  const json = gunzipSync(Buffer.from(once, 'base64'))
  writeFileSync(join(out, `${as}.json`), json)
  console.log(`${as}: ${s.metadata.labels.status}, ${json.length} bytes`)
}

mkdirSync(out, { recursive: true })
try {
  run(['create', 'web'])
  write('web/templates/tests', {
    'test-connection.yaml':
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "{{ .Release.Name }}-test"\n  annotations:\n    "helm.sh/hook": test\nspec:\n  containers:\n    - name: wget\n      image: busybox\n  restartPolicy: Never\n',
  })
  write('web/templates/hooks', {
    'pre.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "{{ .Release.Name }}-pre"\n  annotations:\n    "helm.sh/hook": pre-install,pre-upgrade\n    "helm.sh/hook-weight": "-5"\n    "helm.sh/hook-delete-policy": before-hook-creation\ndata:\n  x: "1"\n',
  })
  run([
    'install',
    'web',
    './web',
    '--labels',
    'team=web,tier=front',
    '--set',
    'big=9007199254740993,f=1.5,s=yes,html=<a&b>,u=żółw,n=null,neg=-3,list={1,two}',
    '--set-json',
    'j={"e":1e21,"small":1e-7,"z":0,"t":true}',
  ])
  // as first written: Helm's later rewrites read the int64 back as a float64
  save('default', 'web', 1, 'web.v1.installed')
  run(['upgrade', 'web', './web', '--reuse-values', '--set', 'x=2'])
  run(['test', 'web'])
  save('default', 'web', 2)
  run(['rollback', 'web', '1'])
  save('default', 'web', 1)
  save('default', 'web', 3)

  write('v1c', {
    'Chart.yaml':
      'apiVersion: v1\nname: v1c\nversion: 0.2.0\nappVersion: "1.0"\nengine: gotpl\nkeywords: [a, b]\nmaintainers:\n- name: me\n  email: me@example.com\n',
    'requirements.yaml':
      'dependencies:\n- name: sub\n  version: 0.1.0\n  repository: file://charts/sub\n  tags: [t]\n  import-values:\n  - child: a\n    parent: fromsub\n',
    'templates/cm.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-v1c\ndata:\n  x: "<&>"\n',
    'templates/empty.yaml': '',
    'values.schema.json': '{"type":"object"}',
    EMPTY: '',
    'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
    'charts/sub/values.yaml': 'a:\n  b: 1\n',
    'charts/sub/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-sub\n',
  })
  run(['install', 'v1dir', './v1c', '-n', 'kube-public'])
  save('kube-public', 'v1dir', 1)
  run(['package', 'v1c', '-d', 'pk'])
  run(['install', 'v1tgz', 'pk/v1c-0.2.0.tgz'])
  save('default', 'v1tgz', 1)

  write('bare', {
    'Chart.yaml': 'apiVersion: v2\nname: bare\nversion: 1.0.0\nannotations:\n  b: "2"\n  a: "1"\n',
    'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-bare\n',
  })
  run(['install', 'bare', './bare', '--description', 'first'], 'Asia/Kolkata')
  save('default', 'bare', 1, 'bare.v1.installed')
  run(['upgrade', 'bare', './bare'], 'America/St_Johns')
  run(['uninstall', 'bare', '--keep-history'], 'America/St_Johns')
  save('default', 'bare', 1)
  save('default', 'bare', 2)

  write('broken', {
    'Chart.yaml': 'apiVersion: v2\nname: broken\nversion: 0.0.1\n',
    'templates/bad.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}_NOT_A_DNS_NAME\n',
  })
  run(['install', 'broken', './broken'])
  save('default', 'broken', 1)
} finally {
  sandbox.kill()
  rmSync(home, { recursive: true, force: true })
}

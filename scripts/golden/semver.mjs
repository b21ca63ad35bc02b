// Generates test/fixtures/golden/semver/*.json from the REAL Helm binary (never our code): seeded constraint ×
// version pairs judged by Helm 4's Masterminds/semver v3 where Helm uses it —
//   dependencies.json  requirement constraints against subchart versions (an alias applies only when
//                      IsCompatibleRange holds: `helm template` shows `charts/<alias>` or `charts/<name>`),
//   kubeversion.json   Chart.yaml `kubeVersion` against `--kube-version` (rendered, or Helm's error),
//   kubeparse.json     how `--kube-version` is read (what .Capabilities.KubeVersion shows, or the error),
//   search.json        `helm search repo --version RANGE --versions` over a cached index,
//   compare.json       `semverCompare` and `semver` in templates (results, and each error text).
// Usage: node scripts/golden/semver.mjs [SEED]   (HELM_REFERENCE overrides the binary's path)
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const helm = [process.env.HELM_REFERENCE, '.cache/helm/helm', '/tmp/helm-conformance/bin/helm'].find(
  (p) => p && existsSync(p),
)
if (!helm) throw new Error('no reference helm: run scripts/reference-helm.mjs or set HELM_REFERENCE')
const OUT = 'test/fixtures/golden/semver'
let seed = Number(process.argv[2] ?? 11)
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
const pick = (a) => a[Math.floor(rnd() * a.length)]
const home = mkdtempSync(join(tmpdir(), 'golden-semver-'))
const env = {
  PATH: process.env.PATH,
  HOME: home,
  KUBECONFIG: join(home, 'kubeconfig-none'),
  HELM_CACHE_HOME: join(home, 'cache'),
  HELM_CONFIG_HOME: join(home, 'config'),
  HELM_DATA_HOME: join(home, 'data'),
}
const run = (args) => spawnSync(helm, args, { encoding: 'utf8', env })
const errorLine = (stderr) => (stderr.split('\n').find((l) => l.startsWith('Error: ')) ?? stderr.trim()).slice(7)

// --- generators: the corners where implementations part ---
const num = () => pick(['0', '1', '2', '3', '10', '01', '18446744073709551616'])
const pre = () =>
  rnd() < 0.35 ? pick(['-0', '-alpha', '-beta.1', '-rc.2', '-1', '-01', '-alpha.10', '-a.b-c', '-x.']) : ''
const meta = () => (rnd() < 0.1 ? pick(['+meta', '+build.5', '+01']) : '')
const version = () =>
  `${rnd() < 0.2 ? 'v' : ''}${num()}${rnd() < 0.9 ? `.${num()}` : ''}${rnd() < 0.85 ? `.${num()}` : ''}${pre()}${meta()}`
const chartVersion = () =>
  `${pick(['0', '1', '2', '3'])}.${pick(['0', '1', '2', '10'])}.${pick(['0', '1', '5'])}${pick(['', '', '', '-alpha', '-rc.1', '-0', '-beta.2'])}${pick(['', '', '+b1'])}`
const part = () => (rnd() < 0.2 ? pick(['x', 'X', '*']) : pick(['0', '1', '2', '3', '10']))
const cver = () => {
  const r = rnd()
  const v = rnd() < 0.1 ? 'v' : ''
  if (r < 0.12) return `${v}${part()}`
  if (r < 0.4) return `${v}${part()}.${part()}${pre()}`
  return `${v}${part()}.${part()}.${part()}${pre()}`
}
const op = () => pick(['', '=', '!=', '>', '<', '>=', '<=', '~', '~>', '^', '=>', '=<'])
const sp = () => pick(['', '', ' ', '  '])
const one = () => `${op()}${sp()}${cver()}`
const constraint = () => {
  const r = rnd()
  if (r < 0.35) return `${sp()}${one()}${sp()}`
  if (r < 0.55) return `${one()}${pick([', ', ' ', ',', ' , '])}${one()}`
  if (r < 0.7) return `${one()}${pick([' || ', '||', ' ||'])}${one()}`
  if (r < 0.8) return `${cver()} - ${cver()}`
  if (r < 0.85)
    return pick(['*', '', 'x', '>0.0.0-0', '>0.0.0', 'garbage', '1.2.3.4', '>=1.0 <2 || ~3.1', '1 - 2 || 4'])
  return `${one()}, ${one()} || ${one()}`
}

// --- dependencies: aliases apply only to compatible subcharts ---
const dependencies = () => {
  const cases = []
  while (cases.length < 400) cases.push([constraint().replaceAll('"', ''), chartVersion()])
  const dir = mkdtempSync(join(tmpdir(), 'golden-semver-deps-'))
  try {
    const p = join(dir, 'p')
    mkdirSync(join(p, 'templates'), { recursive: true })
    const reqs = cases.map(([c], i) => `- name: s${i}\n  version: ${JSON.stringify(c)}\n  alias: a${i}\n`).join('')
    writeFileSync(join(p, 'Chart.yaml'), `apiVersion: v2\nname: p\nversion: 0.1.0\ndependencies:\n${reqs}`)
    cases.forEach(([, v], i) => {
      const s = join(p, 'charts', `s${i}`)
      mkdirSync(join(s, 'templates'), { recursive: true })
      writeFileSync(join(s, 'Chart.yaml'), `apiVersion: v2\nname: s${i}\nversion: ${JSON.stringify(v)}\n`)
      writeFileSync(join(s, 'templates', 'cm.yaml'), 'kind: ConfigMap\nmetadata:\n  name: {{ .Chart.Name }}\n')
    })
    const r = run(['template', 'x', p])
    if (r.status !== 0) throw new Error(`dependencies: ${r.stderr}`)
    return cases.map(([c, v], i) => {
      const aliased = r.stdout.includes(`# Source: p/charts/a${i}/templates/cm.yaml`)
      const plain = r.stdout.includes(`# Source: p/charts/s${i}/templates/cm.yaml`)
      if (aliased === plain) throw new Error(`dependencies: case ${i} is neither or both`)
      return { constraint: c, version: v, compatible: aliased }
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

// --- kubeVersion: one render per case ---
const kubeVersions = () => {
  const out = []
  const dir = mkdtempSync(join(tmpdir(), 'golden-semver-kube-'))
  try {
    mkdirSync(join(dir, 'c', 'templates'), { recursive: true })
    writeFileSync(join(dir, 'c', 'templates', 'cm.yaml'), 'kind: ConfigMap\nmetadata:\n  name: c\n')
    for (let i = 0; i < 80; i++) {
      const c = constraint().replaceAll('"', '')
      if (c.trim() === '') continue
      const k = `${pick(['v', 'v', ''])}1.${pick(['19', '20', '27', '35'])}.${pick(['0', '3'])}${pick(['', '', '-gke.1', '-rc.0', '+k3s1'])}`
      writeFileSync(
        join(dir, 'c', 'Chart.yaml'),
        `apiVersion: v2\nname: c\nversion: 0.1.0\nkubeVersion: ${JSON.stringify(c)}\n`,
      )
      const r = run(['template', 'x', join(dir, 'c'), '--kube-version', k])
      out.push({ constraint: c, kubeVersion: k, ...(r.status === 0 ? { ok: true } : { error: errorLine(r.stderr) }) })
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return out
}

// --- --kube-version as Helm 4 parses it (k8s ParseGeneric): what .Capabilities.KubeVersion shows, or the error ---
const kubeParse = () => {
  const out = []
  const dir = mkdtempSync(join(tmpdir(), 'golden-semver-kubeparse-'))
  try {
    mkdirSync(join(dir, 'c', 'templates'), { recursive: true })
    writeFileSync(join(dir, 'c', 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n')
    const kv = '.Capabilities.KubeVersion'
    writeFileSync(
      join(dir, 'c', 'templates', 'cm.yaml'),
      `kind: ConfigMap\nmetadata:\n  name: c\ndata:\n  v: {{ printf "%s|%s|%s|%s|%s" ${kv}.Version (print ${kv}) ${kv}.Major ${kv}.Minor ${kv}.GitVersion | quote }}\n`,
    )
    const inputs = [
      '1.20',
      'v1.20.3-gke.1+x',
      '1.2.3.4',
      '01.2',
      '1.02.3',
      ' 1.2.3',
      '1.2.3abc',
      '1',
      'v1.35.0',
      '0.0',
      'v1.28.0-eks-abc123',
      'v2',
      'x1.2',
      '1.2.',
      '18446744073709551616.1',
      '1.18446744073709551616',
      'V1.2',
      'vv1.2',
      '1.2 3',
    ]
    for (const k of inputs) {
      const r = run(['template', 'x', join(dir, 'c'), '--kube-version', k])
      const line = r.stdout.split('\n').find((l) => l.startsWith('  v: '))
      out.push(
        r.status === 0
          ? { kubeVersion: k, shown: JSON.parse(line.slice(5)) }
          : { kubeVersion: k, error: errorLine(r.stderr) },
      )
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return out
}

// --- helm search repo --version RANGE --versions over a cached index (parsable versions only) ---
const search = () => {
  const versions = [...new Set(Array.from({ length: 40 }, chartVersion))]
  const entries = versions.map(
    (v) => `  - name: c\n    version: ${JSON.stringify(v)}\n    apiVersion: v2\n    urls: [c-${v}.tgz]\n`,
  )
  mkdirSync(join(home, 'cache', 'repository'), { recursive: true })
  mkdirSync(join(home, 'config'), { recursive: true })
  writeFileSync(
    join(home, 'cache', 'repository', 'r-index.yaml'),
    `apiVersion: v1\nentries:\n  c:\n${entries.join('')}`,
  )
  writeFileSync(
    join(home, 'config', 'repositories.yaml'),
    'apiVersion: ""\nrepositories:\n- name: r\n  url: http://127.0.0.1:1\n',
  )
  const out = []
  for (let i = 0; i < 60; i++) {
    const c = constraint().replaceAll('"', '')
    if (c === '') continue
    const r = run(['search', 'repo', 'r/c', '--version', c, '--versions', '-o', 'json'])
    out.push(
      r.status === 0
        ? { constraint: c, matched: JSON.parse(r.stdout).map((x) => x.version) }
        : { constraint: c, error: errorLine(r.stderr) },
    )
  }
  return { versions, cases: out }
}

// --- semverCompare / semver in templates, through NOTES.txt of install --dry-run=client ---
const notes = (text) => {
  const dir = mkdtempSync(join(tmpdir(), 'golden-semver-notes-'))
  try {
    mkdirSync(join(dir, 'c', 'templates'), { recursive: true })
    writeFileSync(join(dir, 'c', 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n')
    writeFileSync(join(dir, 'c', 'templates', 'NOTES.txt'), text)
    const r = run(['install', 'x', join(dir, 'c'), '--dry-run=client'])
    if (r.status !== 0) return { error: errorLine(r.stderr) }
    return { out: r.stdout.slice(r.stdout.indexOf('NOTES:\n') + 7) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
const compare = () => {
  const pairs = Array.from({ length: 300 }, () => [constraint(), version()])
  const ok = []
  const bad = []
  // probe each pair alone first? No: one render for all pairs that do not fail, one render per failing pair
  for (const [c, v] of pairs) {
    const r = notes(`{{ semverCompare ${JSON.stringify(c)} ${JSON.stringify(v)} }}`)
    if ('out' in r) ok.push({ constraint: c, version: v, result: r.out.trim() === 'true' })
    else bad.push({ constraint: c, version: v, error: r.error })
  }
  const parsed = []
  for (let i = 0; i < 40; i++) {
    const v = version()
    const r = notes(
      `{{ $v := semver ${JSON.stringify(v)} }}{{ $v.Major }} {{ $v.Minor }} {{ $v.Patch }} [{{ $v.Prerelease }}] [{{ $v.Metadata }}] {{ $v }}`,
    )
    parsed.push('out' in r ? { version: v, out: r.out.trim() } : { version: v, error: r.error })
  }
  return { pairs: ok, errors: bad, semver: parsed }
}

mkdirSync(OUT, { recursive: true })
const write = (name, data) => writeFileSync(join(OUT, name), `${JSON.stringify(data, null, 1)}\n`)
write('dependencies.json', dependencies())
write('kubeversion.json', kubeVersions())
write('kubeparse.json', kubeParse())
write('search.json', search())
write('compare.json', compare())
rmSync(home, { recursive: true, force: true })
console.log(`semver goldens written to ${OUT}`)

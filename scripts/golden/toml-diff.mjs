// fromToml judged by the REAL Helm binary (BurntSushi/toml v1.6.0 inside Helm 4.1.4): hand-written corners
// (every error the lexer and parser word, datetimes, numbers at their edges, TOML 1.1 forms) plus seeded random
// documents and mutated copies (a character dropped, doubled or replaced, a line break inserted). Each document
// is read through `toJson (fromToml .)` in a template. Writes test/fixtures/golden/toml/fromToml.json, which
// test/domain/template/helm/FromToml.test.ts replays.
// Usage: node scripts/golden/toml-diff.mjs [SEED] [DOCS]   (HELM_REFERENCE overrides the binary)
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { referenceHelm } from '../reference-helm.mjs'
import { seeded } from './seeded.mjs'

const helm = process.env.HELM_REFERENCE || (await referenceHelm())
if (!helm) throw new Error('no reference helm: run scripts/reference-helm.mjs or set HELM_REFERENCE')
const SEED = Number(process.argv[2] ?? 3)
const DOCS = Number(process.argv[3] ?? 600)
const { rnd, pick, chance } = seeded(SEED)

const corners = [
  'a = ',
  'a = 1\na = 2',
  '[a\nb=1',
  'a = "x',
  'a = 1 b = 2',
  '= 1',
  'a = [1, "x"]',
  'a = 1979-05-27T07:32:00Z',
  'a = 1979-05-27T07:32:00.999-07:00',
  'a = 1979-05-27T07:32:00',
  'a = 1979-05-27',
  'a = 07:32:00',
  'a = 07:32',
  'a = 1979-05-27 07:32:00Z',
  'a = 1979-05-27t07:32:00z',
  'a = 1979-5-27',
  'a = 1979-05-27T25:00:00Z',
  'a = 0x',
  'a = 0b2',
  'a = 0o8',
  'a = 1e400',
  'a = 1e-400',
  'a = 99999999999999999999',
  'a = -9223372036854775808',
  'a = 9223372036854775807',
  'a = 0xDEADbeef',
  'a = 0o755',
  'a = 0b1101',
  'a = 1_000',
  'a = 1__000',
  'a = _1',
  'a = 1_',
  'a = 0755',
  'a = -0755',
  'a = +0x1',
  'a = +1',
  'a = -0',
  'a = 1.5e3',
  'a = 1.',
  'a = 1.e5',
  'a = 01.5',
  'a = 1e5.5',
  'a = 1.5_5',
  'a = inf',
  'a = -inf',
  'a = +nan',
  'a = nan',
  'a = -in',
  'a = .5',
  'a = -.5',
  'a = -x',
  'a = in',
  'a = nope',
  'a = tru',
  'a = TRUE',
  '[a]\n[a]',
  'a.b = 1\n[a]\nc = 2',
  '[a]\nb = 1\n[a.b]',
  'a = {b = 1,}',
  'a = {b = 1,\n c = 2}',
  'a = {,}',
  'a = {b = 1 c = 2}',
  'a = {b.c = 1, b.d = 2}',
  'a = {b = 1}\na.c = 2',
  'a = [1,,2]',
  'a = [1 2]',
  'a = [\n  1, # one\n  2,\n]',
  "a = '''x",
  "a = '''\nline\n'''",
  'a = """\n  one \\\n    two"""',
  'a = """a""""',
  'a = """a"""""',
  'a = """a""""""',
  "a = '''a''''''",
  'a = "\\q"',
  'a = "\\x41\\u00e9\\U0001F600\\e"',
  'a = "\\uD800"',
  'a = "\\x4"',
  'a = "\\u12"',
  'a = "\\ "',
  'a = """\\ \n b"""',
  '"a\nb" = 1',
  'a = 1\n\n\n  b',
  '[[a]]\n[a]',
  '[a]\n[[a]]',
  '[[a]]\nb = 1\n[[a]]\nb = 2\n[a.c]\nd = 3',
  'a = [{b = 1}, {b = 2}]\n[[a]]',
  '[a.b.c]\nd = 1\n[a]\ne = 2',
  '[ a . "b c" . \'d\' ]\ne = 1',
  '["a.b"]\nc = 1',
  '[]',
  '[.a]',
  '[a.]',
  '[a',
  '[[a]',
  '[[a] ]',
  'a.b.c = 1\na.b.d = 2',
  'a.b = 1\na.b.c = 2',
  '.a = 1',
  'a. = 1',
  'a.. = 1',
  'a',
  'a\n= 1',
  '"" = 1',
  "'' = 1",
  'é = 1',
  '"é" = 1',
  '1 = 2',
  '1.2 = 3',
  'true = 1',
  'a = 1 # comment',
  '# only a comment',
  'a = 1\r\nb = 2',
  'a = 1\rb = 2',
  'a = "x\u0001"',
  '# \u0007',
  'a = 1\u007f',
  '\ufeffa = 1',
  'a = "\ttab"',
  'a=1\nb={c=[1,{d=2}]}',
  'a = [[1, 2], ["x"]]',
  'a = []',
  'a = {}',
  '[a]\n[b]\n[a.c]',
  'x = { a = 1 }\n[x.b]',
  '[[x]]\n[x.y]\nz = 1\n[[x]]',
  'a = 1\n[a.b]',
  'a = [1]\n[[a]]',
  'a = 1979-05-27T07:32:00Zx',
  'a = 12:34:56.789',
  'a = 2000-02-30',
  'a = 1979-05-27T07:32:00+25:00',
  '',
  '   \n\n',
]

const bare = ['a', 'b', 'name', 'x-y', 'k_1', '1', '"q k"', "'lit'", '"é"', 'a.b', '"a".b']
const scalars = [
  '1',
  '-7',
  '+3',
  '0',
  '1_000',
  '0x1f',
  '0o17',
  '0b11',
  '3.14',
  '-0.5',
  '1e6',
  '6.02e+23',
  '-inf',
  'nan',
  'true',
  'false',
  '"s"',
  '"esc \\" \\n \\t"',
  "'lit'",
  '"""multi\nline"""',
  "'''raw\nml'''",
  '1979-05-27T07:32:00Z',
  '1979-05-27',
  '07:32:00',
  '1979-05-27T07:32:00.5-08:00',
]
const val = (d) => {
  const r = rnd()
  if (d > 2 || r < 0.6) return pick(scalars)
  if (r < 0.8)
    return `[${Array.from({ length: Math.floor(rnd() * 4) }, () => val(d + 1)).join(pick([', ', ',', ',\n  ']))}${chance(0.2) ? ',' : ''}]`
  return `{${Array.from({ length: Math.floor(rnd() * 3) }, () => `${pick(bare)} = ${val(d + 1)}`).join(', ')}}`
}
const doc = () => {
  const lines = []
  const n = 1 + Math.floor(rnd() * 6)
  for (let i = 0; i < n; i++) {
    const r = rnd()
    if (r < 0.15) lines.push(`[${pick(bare)}${chance(0.3) ? `.${pick(bare)}` : ''}]`)
    else if (r < 0.22) lines.push(`[[${pick(bare)}]]`)
    else if (r < 0.27) lines.push(pick(['# c', '', '  ']))
    else lines.push(`${pick(bare)} = ${val(0)}${chance(0.1) ? ' # c' : ''}`)
  }
  return lines.join('\n') + pick(['', '\n'])
}
const mutate = (d) => {
  if (d.length === 0) return d
  const i = Math.floor(rnd() * d.length)
  switch (Math.floor(rnd() * 4)) {
    case 0:
      return d.slice(0, i) + d.slice(i + 1)
    case 1:
      return d.slice(0, i) + d[i] + d.slice(i)
    case 2:
      return (
        d.slice(0, i) +
        pick(['=', '.', '[', ']', '{', '}', '"', "'", ',', '#', '\\', ' ', '\n', '_', 'e']) +
        d.slice(i + 1)
      )
    default:
      return d.slice(0, i) + '\n' + d.slice(i)
  }
}
const docs = [...corners]
while (docs.length < corners.length + DOCS) {
  const d = doc()
  if (d.includes('{{') || d.includes('}}')) continue
  docs.push(chance(0.5) ? mutate(d) : d)
}

const home = mkdtempSync(join(tmpdir(), 'golden-toml-'))
const env = {
  PATH: process.env.PATH,
  HOME: home,
  TZ: 'UTC',
  KUBECONFIG: join(home, 'kubeconfig-none'),
  HELM_CACHE_HOME: join(home, 'cache'),
  HELM_CONFIG_HOME: join(home, 'config'),
  HELM_DATA_HOME: join(home, 'data'),
}
const escapeJson = (s) =>
  s.replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
const MARK = '\n@@@\n'
const dir = mkdtempSync(join(tmpdir(), 'golden-toml-chart-'))
mkdirSync(join(dir, 'c', 'templates'), { recursive: true })
writeFileSync(join(dir, 'c', 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n')
writeFileSync(join(dir, 'c', 'values.yaml'), escapeJson(JSON.stringify({ docs })))
writeFileSync(
  join(dir, 'c', 'templates', 'NOTES.txt'),
  `{{ range .Values.docs }}{{ toJson (fromToml .) }}${MARK}{{ end }}`,
)
const r = spawnSync(helm, ['install', 'x', join(dir, 'c'), '--dry-run=client'], { encoding: 'utf8', env })
rmSync(dir, { recursive: true, force: true })
rmSync(home, { recursive: true, force: true })
if (r.status !== 0) throw new Error(`fromToml run failed: ${r.stderr}`)
const outs = r.stdout.slice(r.stdout.indexOf('NOTES:\n') + 7).split(MARK)
const cases = docs.map((d, i) => ({ doc: d, fromToml: outs[i] }))
mkdirSync('test/fixtures/golden/toml', { recursive: true })
writeFileSync(
  'test/fixtures/golden/toml/fromToml.json',
  `${JSON.stringify({ seed: SEED, helm: 'v4.1.4', cases }, null, 1)}\n`,
)
console.log(`${cases.length} documents (${cases.filter((c) => c.fromToml.startsWith('{"Error"')).length} refused)`)

// Differential YAML cases judged by the REAL Helm binary: seeded random documents (block and flow styles,
// indentation variants, anchors, aliases and merge keys, multi-line scalars of every style, comments, quoting,
// YAML 1.1 scalars, document markers, tabs) plus mutated copies (a character dropped, doubled or replaced, a
// line re-indented) so that errors are judged too. Each document is read by Helm twice:
//   through fromYaml/fromYamlArray in a template (toJson of what they give), and
//   as a rendered manifest (`helm template` of a chart whose template prints it: the output or the error).
// Writes test/fixtures/golden/yaml/differential.json, which test/domain/yaml/Differential.test.ts replays.
// Usage: node scripts/golden/yaml-diff.mjs [SEED] [DOCS] [MANIFESTS]   (HELM_REFERENCE overrides the binary)
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { referenceHelm } from '../reference-helm.mjs'
import { seeded } from './seeded.mjs'

const helm = process.env.HELM_REFERENCE || (await referenceHelm())
if (!helm) throw new Error('no reference helm: run scripts/reference-helm.mjs or set HELM_REFERENCE')
const SEED = Number(process.argv[2] ?? 7)
const DOCS = Number(process.argv[3] ?? 600)
const MANIFESTS = Number(process.argv[4] ?? 150)
const { rnd, pick, chance } = seeded(SEED)

// --- scalars ---
const words = ['a', 'b', 'name', 'value', 'x y', 'foo-bar', 'hello world', 'k8s', 'é', 'path/to', 'a:b', 'a#b', 'a-b']
const yaml11 = ['yes', 'No', 'on', 'OFF', 'y', 'n', 'true', 'False', '~', 'null', 'NULL', '']
const numbers = [
  '0',
  '1',
  '-1',
  '+1',
  '0755',
  '08',
  '0x1F',
  '0o17',
  '0b101',
  '1_000',
  '1e3',
  '1.5',
  '.5',
  '5.',
  '-.5e-3',
]
const specials = [
  '.inf',
  '-.Inf',
  '.nan',
  '2001-12-14',
  '2001-12-14t21:59:43.10-05:00',
  '1:20',
  '12345678901234567890',
  '<<',
]
const plain = () => (chance(0.05) ? pick(specials) : pick([...words, ...words, ...yaml11, ...numbers]))
const dquote = (s) =>
  `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}${chance(0.2) ? pick(['\\t', '\\n', '\\x41', '\\u00e9', '\\/', '\\ ', '\\_']) : ''}"`
const squote = (s) => `'${s.replace(/'/g, "''")}${chance(0.1) ? "''" : ''}'`
const scalar = () => {
  const r = rnd()
  if (r < 0.55) return plain()
  if (r < 0.75) return dquote(plain())
  if (r < 0.9) return squote(plain())
  return pick(['!!str 1', '!!int "3"', '!!float 1', '!!bool yes', '!!null ""', '! 12', '!!binary aGk=', '!!str'])
}
const flowScalar = () => {
  const s = scalar()
  return /[,[\]{}]/.test(s) || s === '' ? dquote(s) : s
}
const key = () => {
  const r = rnd()
  if (r < 0.75)
    return pick(['a', 'b', 'c', 'name', 'image', 'ports', 'x y', 'on', 'y', '1', '1.5', 'true', '"q"', "'s'"])
  if (r < 0.95) return pick(words)
  if (r < 0.98 || anchors.length === 0)
    return pick(['"a\\nb"', '? k', '[a]', '{a: 1}', '<<', '-1', '0x10', '.inf', '~'])
  return `*${pick(anchors)} `
}

// --- collections ---
let anchors = []
const props = () => {
  if (!chance(0.12)) return ''
  const a = `a${anchors.length}`
  anchors.push(a)
  return `&${a} `
}
const flow = (depth) => {
  if (depth > 2 || chance(0.35)) return flowScalar()
  if (anchors.length > 0 && chance(0.1)) return `*${pick(anchors)}`
  const n = Math.floor(rnd() * 4)
  const sep = pick([', ', ',', ' , ', ',\n  ', ',\n'])
  if (chance(0.5))
    return `${props()}[${Array.from({ length: n }, () => flow(depth + 1)).join(sep)}${chance(0.1) ? ',' : ''}]`
  const entries = Array.from({ length: n }, () =>
    chance(0.15) ? flowScalar() : `${pick(['a', 'b', 'c', '"k"', 'x y', '1'])}: ${flow(depth + 1)}`,
  )
  return `${props()}{${entries.join(sep)}${chance(0.1) ? ',' : ''}}`
}
const blockScalar = (indent) => {
  const head = `${pick(['|', '>'])}${pick(['', '', '-', '+', '2', '-1'])}${chance(0.2) ? ' # c' : ''}`
  const pad = ' '.repeat(indent + pick([2, 2, 1, 4]))
  const lines = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () =>
    pick(['text', '  more', '', 'a: b', '- x', '# no comment', 'tab\there']),
  )
  return `${head}\n${lines.map((l) => (l === '' ? '' : pad + l)).join('\n')}${pick(['', '\n', '\n\n'])}`
}
const multiLinePlain = (indent) =>
  `${pick(words)}\n${' '.repeat(indent + pick([1, 2, 4]))}${pick(words)}${chance(0.3) ? `\n${' '.repeat(indent + 2)}${pick(words)}` : ''}`
const multiLineQuoted = (indent) =>
  `"${pick(words)}\n${' '.repeat(Math.max(0, indent + pick([-2, 0, 2])))}${pick(words)}"`
const value = (indent, depth) => {
  const r = rnd()
  if (depth > 3 || r < 0.35) return ` ${scalar()}`
  if (r < 0.45) return ` ${flow(0)}`
  if (r < 0.52) return ` ${blockScalar(indent)}`
  if (r < 0.56) return ` ${multiLinePlain(indent)}`
  if (r < 0.6) return ` ${multiLineQuoted(indent)}`
  if (r < 0.64 && anchors.length > 0) return ` *${pick(anchors)}`
  const child = indent + pick([2, 2, 2, 4, 1])
  const p = props().trimEnd()
  return `${p ? ` ${p}` : ''}\n${chance(0.5) ? map(child, depth + 1) : seq(chance(0.3) ? indent : child, depth + 1)}`
}
const comment = () => (chance(0.1) ? pick([' # note', '  #x', ' #']) : '')
const map = (indent, depth) => {
  const pad = ' '.repeat(indent)
  const n = 1 + Math.floor(rnd() * 3)
  const out = []
  for (let i = 0; i < n; i++) {
    if (chance(0.05)) out.push(`${pad}# comment`)
    if (chance(0.03) && anchors.length > 0) out.push(`${pad}<<: *${pick(anchors)}`)
    else out.push(`${pad}${key()}:${value(indent, depth)}${comment()}`)
  }
  return out.join('\n')
}
const seq = (indent, depth) => {
  const pad = ' '.repeat(indent)
  const n = 1 + Math.floor(rnd() * 3)
  return Array.from({ length: n }, () => {
    const r = rnd()
    if (depth > 3 || r < 0.5) return `${pad}-${value(indent, depth + 1).replace(/^\n/, '\n')}`
    if (r < 0.75) return `${pad}- ${map(indent + 2, depth + 1).trimStart()}`
    return `${pad}-${value(indent, depth + 1)}`
  }).join('\n')
}
// corners real charts and yaml.v2 meet: explicit keys, flow pairs, long keys, odd breaks, directives, tabs
const corners = [
  '? a\n: b',
  '? - a\n  - b\n: c',
  '[a: b, c]',
  '{a, b: , : c}',
  '- - - x',
  '-\n  - y',
  'a:\n- b\n- c\nd: e',
  'a: &x\n  b: 1\nc:\n  <<: [*x, {d: 2}]\n  b: 3',
  '&k key: *k',
  '--- |\n  text\n',
  '--- >-\n  folded\n  text\n',
  'a: |1\n  two\n',
  'a: >\n\n  x\n\n',
  '%TAG !e! tag:example.com,2000:\n---\na: !e!foo x',
  'a: !!binary |\n  aGVs\n  bG8=',
  'a: "multi\\\n  escaped"',
  "a: 'it''s'",
  'a: b\r\nc: d\r\n',
  'a: b\u0085c: d',
  '\ufeffa: 1',
  'a:\tb',
  'a: [1,\t2]',
  '\ta: 1',
  'a: 1 #c\n#d\n  #e\nb: 2',
  `${'k'.repeat(1030)}: v`,
  `a: ${'['.repeat(30)}${']'.repeat(30)}`,
  'a: {b: [c, {d: e}], f: g}',
  'a: [b, c]d',
  'a: x\n  - y',
  'a: "x"y',
  '"a": 1\n\'a\': 2',
  'a: 1\na: 2',
  'null: 1',
  'a: !!str 0755',
  'a: 0o',
  'a: 0x',
  'a: -0',
  'a: +.5',
  'a: 1__0',
  'a: 1e',
  'a: ..5',
  // flow collections continued at any indentation (real charts write these), anchored and alias keys
  'a:\n  b: [c,\nd,\n    e]\n  f: g',
  'a:\n  - {b: 1,\nc: 2}\n  - x',
  '- [a,\nb]\n- {c: d,\n}',
  'a: [b,\n  # comment\n  c]',
  '&a k: v\n*a : w',
  'a: &x 1\n*x : 2',
  '? [a, b]\n: c',
  '{? a: b}',
  '[? a : b]',
  '? |\n  block key\n: v',
  'a: |\n  x\n b',
  'a:\n  - b\n  c: d',
  '- a\n -b',
  'a: |2-\n    two\n   one\n',
  'a: >+\n  x\n\n\n',
  'a: |\n  \n  x\n  \n',
  'a: "x\\\n y"',
  'a:    value   # comment',
  'a: b:c',
  'a: -b',
  'a: ?b',
  'a: [b:c, d: e, "f":g]',
  // tags and numbers at the edges of Go's types
  'a: !!map {b: 1}',
  'a: !!seq [1]',
  'a: !!set {x}',
  'a: !!omap [b: 1]',
  'a: !!timestamp 2001-12-14',
  'a: !!int 0x1F',
  'a: !!float .inf',
  'a: !foo x',
  'a: !<tag:yaml.org,2002:str> 1',
  'a: 1.0e+3',
  'a: 0.1e-1',
  'a: 1e400',
  'a: -1e400',
  'a: 9223372036854775807',
  'a: 9223372036854775808',
  'a: -9223372036854775809',
  'a: 0xFFFFFFFFFFFFFFFF',
  'a: 0b1111',
  'a: 0_7',
  'a: 1:30:00',
  'a: 190:20:30.15',
  'a: =',
  '&a [*a]',
  'a: *b',
  'a: &x [1, 2]\nb: *x\nc: {<<: {d: 1}}',
  'a: &x\n  b: &y [1]\n  c: *y\nd:\n  <<: *x\n  e: *y',
  '- &a x\n- *a\n- &a y\n- *a',
  // BOMs (a second one at the start is skipped, one starting a later line is text), Go's %#v in key errors
  '\ufeff\ufeffa: 1',
  '\ufeff\ufeff\ufeffa: 1',
  'a: 1\n\ufeffb: 2',
  'a:\n  - x\n\ufeff  - y',
  '? [1000000.0, 0.00001, .inf, -.inf, .nan, 1e21, 123456789.5, 2.0, -0.0]\n: x',
  '? {s: 1, true: 2, 1: 3, 1.5: 4, ~: 5, 18446744073709551615: 6, b: 0, false: 1, 2: 0, 0.5: 1, -1: 0}\n: x',
  'a: {~, b: .inf}',
  'a: [.inf]\nb: {~: 1}',
  'b: .nan\na: -.inf',
]
const document = () => {
  anchors = []
  const r = rnd()
  if (r < 0.12) return pick(corners) + pick(['', '\n'])
  let body = r < 0.62 ? map(0, 0) : r < 0.77 ? seq(0, 0) : r < 0.9 ? flow(0) : scalar()
  if (chance(0.1)) body = `---\n${body}`
  if (chance(0.05)) body = `%YAML 1.1\n---\n${body}`
  if (chance(0.08)) body = `${body}\n...\n${pick(['', 'b: 2', '[', '\t'])}`
  if (chance(0.08)) body = `${body}\n---\n${map(0, 2)}`
  return body + pick(['', '\n', '\n\n'])
}

// --- mutations: errors and leniency corners ---
const mutate = (doc) => {
  if (doc.length === 0) return doc
  const i = Math.floor(rnd() * doc.length)
  switch (Math.floor(rnd() * 7)) {
    case 0:
      return doc.slice(0, i) + doc.slice(i + 1)
    case 1:
      return doc.slice(0, i) + doc[i] + doc.slice(i)
    case 2:
      return (
        doc.slice(0, i) +
        pick([':', '-', '[', ']', '{', '}', '"', "'", '\t', '#', ',', '&', '*', '!', '|', '?', ' ']) +
        doc.slice(i + 1)
      )
    case 3: {
      const lines = doc.split('\n')
      const l = Math.floor(rnd() * lines.length)
      lines[l] = chance(0.5) ? ` ${lines[l]}` : lines[l].replace(/^ /, '')
      return lines.join('\n')
    }
    case 4:
      return doc.slice(0, i) + '\n' + doc.slice(i)
    case 5:
      return doc.replace(/\n {2}/, '\n\t')
    default:
      return doc.replace(/\n/g, pick(['\r\n', '\r', '\u2028', '\n  ']))
  }
}

const docs = []
while (docs.length < DOCS) {
  const d = document()
  if (d.includes('{{') || d.includes('}}')) continue
  docs.push(chance(0.3) ? mutate(d) : d)
}
// every corner once, read both ways (the random documents meet each only by chance)
docs.push(...corners)

// --- real Helm, 1: fromYaml / fromYamlArray in a template ---
const home = mkdtempSync(join(tmpdir(), 'golden-yaml-'))
const env = {
  PATH: process.env.PATH,
  HOME: home,
  KUBECONFIG: join(home, 'kubeconfig-none'),
  HELM_CACHE_HOME: join(home, 'cache'),
  HELM_CONFIG_HOME: join(home, 'config'),
  HELM_DATA_HOME: join(home, 'data'),
}
const escapeJson = (s) =>
  s.replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
const MARK = '\n@@@\n'
const HALF = '\n~~~\n'
const FROM_YAML = `{{ range .Values.docs }}{{ toJson (fromYaml .) }}${HALF}{{ toJson (fromYamlArray .) }}${MARK}{{ end }}`
const chart = (files) => {
  const dir = mkdtempSync(join(tmpdir(), 'golden-yaml-chart-'))
  mkdirSync(join(dir, 'c', 'templates'), { recursive: true })
  mkdirSync(join(dir, 'c', 'docs'), { recursive: true })
  writeFileSync(join(dir, 'c', 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n')
  for (const [p, text] of Object.entries(files)) writeFileSync(join(dir, 'c', p), text)
  return dir
}
const run = (args) => spawnSync(helm, args, { encoding: 'utf8', env })
const dir = chart({ 'values.yaml': escapeJson(JSON.stringify({ docs })), 'templates/NOTES.txt': FROM_YAML })
const r = run(['install', 'x', join(dir, 'c'), '--dry-run=client'])
rmSync(dir, { recursive: true, force: true })
if (r.status !== 0) throw new Error(`fromYaml run failed: ${r.stderr}`)
const outs = r.stdout.slice(r.stdout.indexOf('NOTES:\n') + 7).split(MARK)

// --- real Helm, 2: the same documents (under a manifest head) as rendered manifests ---
const head = () => {
  const kind = pick(['ConfigMap', 'Secret', 'Deployment', 'Service', 'Namespace', 'Job', 'Widget'])
  const hook = chance(0.3)
    ? pick(['pre-install', 'post-install, pre-upgrade', 'test', 'crd-install', 'Test-Success'])
    : ''
  const ann = hook
    ? `\n  annotations:\n    helm.sh/hook: ${hook}${chance(0.3) ? `\n    helm.sh/hook-weight: "${pick(['1', '-2', 'x'])}"` : ''}`
    : ''
  return `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${pick(['m', 'n', 'y', '"1"', '1.10', 'a-b'])}${ann}\n`
}
const manifests = []
const manifestDocs = [...docs.slice(0, MANIFESTS), ...corners]
for (const doc of manifestDocs) {
  // a manifest is the document alone, or under a head as a map entry, or after a head as another document
  const text = pick([
    doc,
    `${head()}data:\n  v: ${JSON.stringify(doc)}\n`,
    `${head()}spec:\n${doc.replace(/^/gm, '  ')}`,
    `${head()}---\n${doc}`,
  ])
  const d = chart({ 'docs/m.yaml': text, 'templates/m.yaml': '{{ .Files.Get "docs/m.yaml" }}' })
  const m = run(['template', 'x', join(d, 'c')])
  rmSync(d, { recursive: true, force: true })
  const stderr = m.stderr.replace(/\n\nUse --debug flag to render out invalid YAML\n?$/, '').trim()
  manifests.push(m.status === 0 ? { text, stdout: m.stdout, log: stderr } : { text, error: stderr })
}
rmSync(home, { recursive: true, force: true })

const cases = docs.map((doc, i) => {
  const [fromYaml, fromYamlArray] = outs[i].split(HALF)
  return { doc, fromYaml, fromYamlArray }
})
mkdirSync('test/fixtures/golden/yaml', { recursive: true })
writeFileSync(
  'test/fixtures/golden/yaml/differential.json',
  `${JSON.stringify({ seed: SEED, helm: 'v4.1.4', cases, manifests }, null, 1)}\n`,
)
const errors = cases.filter((c) => c.fromYaml.startsWith('{"Error":"error converting')).length
console.log(
  `${cases.length} documents (${errors} refused), ${manifests.length} manifests (${manifests.filter((m) => m.error).length} refused)`,
)

// Writes test/fixtures/golden/sprig/regexjsonfuzz.cases.json: seeded RE2 patterns (always valid) with Go replacement
// templates, and seeded valid/invalid JSON texts for fromJson/fromJsonArray; then run scripts/golden/sprig.mjs regexjsonfuzz.
import { writeFileSync } from 'node:fs'
let seed = Number(process.argv[2] ?? 6)
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
const pick = (a) => a[Math.floor(rnd() * a.length)]
const atoms = [
  'a',
  'b',
  '.',
  '\\d',
  '\\w',
  '\\s',
  '[a-c]',
  '[^b]',
  '(a|b)',
  '(?P<n>a+)',
  '(x*)',
  '\\.',
  'é',
  '^',
  '$',
  '\\b',
  '(?i)A',
  '[[:alpha:]]',
  '\\pL',
  '(?:ab)',
]
const quants = ['', '', '*', '+', '?', '{1,2}', '*?', '+?']
const pattern = () => Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => pick(atoms) + pick(quants)).join('')
const inputs = ['', 'abc', 'aab ba', 'xxaxbx', 'héllo wörld', 'a.b.c', '12 ab 3', 'AbA aBa', 'é é', 'b\na', '  a  ']
const repls = ['-', '$1', '${1}', '$1x', '${1}x', '$n', '${n}', '$$', '$0', '[$0]', '$2', '$', '${', '$x y', '\\1']
const regex = Array.from({ length: 120 }, () => [pattern(), pick(inputs), pick(repls)])
const jatoms = [
  '{}',
  '[]',
  '1',
  '-0',
  '1.5e3',
  '"s"',
  '"\\u00e9"',
  '"\\ud83d\\ude00"',
  'true',
  'false',
  'null',
  '{"a":1}',
  '[1,2]',
  '"a\\nb"',
  '1e400',
  '0.1',
  '"<&>"',
]
const jbad = [
  '{',
  '[',
  '{"a"}',
  '{"a":}',
  '[1,]',
  '{,}',
  'tru',
  'nul',
  '01',
  '1.',
  '-',
  '"abc',
  '"\\x"',
  '{"a":1,}',
  '[1 2]',
  '{"a" 1}',
  '1 2',
  '{1:2}',
  "'s'",
  '\t',
  'NaN',
  '"\\u12"',
  '+1',
  '.5',
  '{"a":1}}',
  '[]]',
  '"a\tb"',
]
const json = () => {
  const r = rnd()
  if (r < 0.4) return pick(jbad)
  if (r < 0.7) return `{"k": ${pick(jatoms)}, "l": [${pick(jatoms)}, ${pick(jatoms)}]}`
  return `[${pick(jatoms)}, ${pick(jatoms)}]`
}
const jsons = Array.from({ length: 80 }, json)
const rtpl =
  '{{ range .Values.regex }}{{ $p := index . 0 }}{{ $s := index . 1 }}{{ regexMatch $p $s }} {{ toJson (regexFindAll $p $s -1) }} {{ toJson (regexFind $p $s) }} {{ toJson (regexReplaceAll $p $s (index . 2)) }} {{ toJson (regexReplaceAllLiteral $p $s (index . 2)) }} {{ toJson (regexSplit $p $s -1) }} {{ toJson (regexSplit $p $s 2) }}\n{{ end }}'
const jtpl = '{{ range .Values.jsons }}{{ toJson (fromJson .) }} {{ toJson (fromJsonArray .) }}\n{{ end }}'
writeFileSync(
  'test/fixtures/golden/sprig/regexjsonfuzz.cases.json',
  JSON.stringify(
    {
      values: { regex, jsons },
      cases: [
        ['regex', rtpl],
        ['json', jtpl],
      ],
      errors: [],
    },
    null,
    1,
  ) + '\n',
)

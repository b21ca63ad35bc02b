// Writes test/fixtures/golden/sprig/fuzz.cases.json: seeded pseudo-random strings that stress yaml.v2 quoting and
// folding (then run scripts/golden/sprig.mjs fuzz for Helm's outputs). Usage: node scripts/golden/fuzz-cases.mjs [SEED] (committed: 7)
import { writeFileSync } from 'node:fs'
let seed = Number(process.argv[2] ?? 1)
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
const alpha = [
  ' ',
  ' ',
  ' ',
  ':',
  '#',
  '-',
  '?',
  "'",
  '"',
  '\n',
  '\t',
  '0',
  '1',
  '9',
  'a',
  'b',
  'y',
  'n',
  'e',
  'E',
  '.',
  ',',
  '[',
  '{',
  '}',
  '!',
  '&',
  '*',
  '|',
  '>',
  '%',
  '@',
  '`',
  'é',
  '\u2028',
  '\\',
  '_',
  '+',
  '~',
  'x',
  'T',
  'N',
  'o',
]
const words = [
  'true',
  'null',
  'yes',
  'on',
  '1.5',
  '0x1F',
  '2020-01-01',
  '1:30',
  'abc',
  'hello world',
  '-',
  '---',
  '...',
  ' ',
  'https://x.io/a?b=c#d',
  '"q"',
  "'s'",
  '# c',
  'a: b',
  '~',
  '.5',
  '+1',
  '1e3',
  '0755',
  '12:61',
]
const str = () => {
  const r = rnd()
  if (r < 0.25) return words[Math.floor(rnd() * words.length)]
  if (r < 0.35) {
    let s = ''
    while (s.length < 60 + rnd() * 200)
      s += (rnd() < 0.2 ? ' ' : '') + 'word' + Math.floor(rnd() * 100) + (rnd() < 0.1 ? '  ' : ' ')
    return s.trimEnd() + (rnd() < 0.2 ? ' ' : '')
  }
  let s = ''
  const n = Math.floor(rnd() * (rnd() < 0.8 ? 12 : 120))
  for (let i = 0; i < n; i++) s += alpha[Math.floor(rnd() * alpha.length)]
  return s
}
const list = Array.from({ length: 400 }, str)
const map = {}
// digit runs in keys make yaml.v2's key order non-transitive (Helm's own output then varies): keys without digits
for (let i = 0; i < 200; i++) map[str().replace(/[0-9]/g, '')] = str()
const nested = { deep: { list: list.slice(0, 50), m: Object.fromEntries(Object.entries(map).slice(0, 30)) } }
const cases = [
  ['list', '{{ toYaml .Values.list }}'],
  ['map', '{{ toYaml .Values.map }}'],
  ['nested', '{{ toYaml .Values.nested }}'],
  ['pretty', '{{ toYamlPretty .Values.nested }}'],
  ['json', '{{ toJson .Values.map }}'],
  [
    'strings',
    '{{ range .Values.list }}{{ quote . }}|{{ squote . }}|{{ upper . }}|{{ title . }}|{{ trunc 7 . }}|{{ b64enc . }}|{{ snakecase . }}|{{ camelcase . }}|{{ kebabcase . }}|{{ initials . }}|{{ nospace . }}|{{ swapcase . }}|{{ untitle . }}|{{ trim . }}|{{ abbrev 9 . }}|{{ wrap 12 . }}|{{ if ge (len .) 6 }}{{ substr 2 6 . }}{{ end }}|{{ sha1sum . }}|{{ regexReplaceAll "[^a-z]+" . "_" }}|{{ splitList " " . | len }}|{{ toString (fromJson (toJson (dict "k" .))).k }}\n{{ end }}',
  ],
]
writeFileSync(
  'test/fixtures/golden/sprig/fuzz.cases.json',
  JSON.stringify({ values: { list, map, nested }, cases, errors: [] }, null, 1) + '\n',
)

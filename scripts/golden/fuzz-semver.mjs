// Writes test/fixtures/golden/sprig/semverfuzz.cases.json: seeded constraint × version pairs for semverCompare
// (Masterminds/semver v3 rules), then run scripts/golden/sprig.mjs semverfuzz. Usage: node scripts/golden/fuzz-semver.mjs [SEED]
import { writeFileSync } from 'node:fs'
let seed = Number(process.argv[2] ?? 3)
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
const pick = (a) => a[Math.floor(rnd() * a.length)]
const num = () => pick(['0', '1', '2', '10'])
const pre = () => (rnd() < 0.3 ? pick(['-0', '-alpha', '-beta.1', '-rc.2', '-1']) : '')
const ver = () => `${rnd() < 0.2 ? 'v' : ''}${num()}.${num()}.${num()}${pre()}${rnd() < 0.1 ? '+meta' : ''}`
const part = () => (rnd() < 0.15 ? pick(['x', 'X', '*']) : num())
const cver = () => {
  const r = rnd()
  if (r < 0.1) return part()
  if (r < 0.35) return `${part()}.${part()}${pre()}`
  return `${part()}.${part()}.${part()}${pre()}`
}
const op = () => pick(['', '=', '!=', '>', '<', '>=', '<=', '~', '~>', '^', '=>', '=<'])
const one = () => `${op()}${rnd() < 0.3 ? ' ' : ''}${cver()}`
const constraint = () => {
  const r = rnd()
  if (r < 0.5) return one()
  if (r < 0.7) return `${one()}${pick([', ', ' ', ','])}${one()}`
  if (r < 0.85) return `${one()} || ${one()}`
  return `${num()}.${num()} - ${num()}.${num()}.${num()}`
}
const pairs = Array.from({ length: 600 }, () => [constraint(), ver()])
const tpl =
  '{{ range .Values.pairs }}{{ index . 0 }} @ {{ index . 1 }} = {{ semverCompare (index . 0) (index . 1) }}\n{{ end }}'
writeFileSync(
  'test/fixtures/golden/sprig/semverfuzz.cases.json',
  JSON.stringify({ values: { pairs }, cases: [['pairs', tpl]], errors: [] }, null, 1) + '\n',
)

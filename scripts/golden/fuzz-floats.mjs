// Writes test/fixtures/golden/sprig/floatfuzz.cases.json: seeded float64 values (all magnitudes, integral or not)
// through toYaml/toJson/toToml/toYamlPretty/toString/quote and int64 arithmetic; then run scripts/golden/sprig.mjs floatfuzz.
import { writeFileSync } from 'node:fs'
let seed = Number(process.argv[2] ?? 9)
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
const num = () => {
  const r = rnd()
  const exp = Math.floor(rnd() * 50) - 25
  const sign = rnd() < 0.3 ? -1 : 1
  if (r < 0.3) return sign * Math.floor(rnd() * 10 ** Math.floor(rnd() * 22))
  if (r < 0.5) return (sign * Math.round(rnd() * 1e6)) / 10 ** Math.floor(rnd() * 8)
  if (r < 0.6)
    return [0, -0, 1e21, 1e-7, 1e6, 9007199254740993, 2 ** 63, 2 ** 64, 0.1 + 0.2, 123456.5, 1234567.5, 1e20][
      Math.floor(rnd() * 12)
    ]
  return sign * rnd() * 10 ** exp
}
const nums = Array.from({ length: 200 }, num)
const keys = 'abcdefghijklmnopqrstuvwxyz'
const map = Object.fromEntries(nums.slice(0, 26).map((n, i) => [keys[i], n]))
const cases = [
  ['yaml', '{{ toYaml .Values.nums }}'],
  ['json', '{{ toJson .Values.nums }}'],
  ['toml', '{{ toToml .Values.map }}'],
  ['pretty', '{{ toYamlPretty .Values.nums }}'],
  [
    'print',
    '{{ range .Values.nums }}{{ . }} {{ toString . }} {{ quote . }} {{ int64 . }} {{ printf "%v %g %e" . . . }}|{{ end }}',
  ],
]
writeFileSync(
  'test/fixtures/golden/sprig/floatfuzz.cases.json',
  JSON.stringify({ values: { nums, map }, cases, errors: [] }, null, 1) + '\n',
)

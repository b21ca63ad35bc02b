// Writes test/fixtures/golden/sprig/numberfuzz.cases.json: Sprig's conversions and math over seeded odd inputs
// (numeric strings in every Go syntax, floats, bools, nil), then run scripts/golden/sprig.mjs numberfuzz.
import { writeFileSync } from 'node:fs'
let seed = Number(process.argv[2] ?? 5)
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
const pick = (a) => a[Math.floor(rnd() * a.length)]
const strs = [
  '010',
  '0x1F',
  '0X1f',
  '0o17',
  '0b101',
  '1_000',
  '1__0',
  '_1',
  '-5',
  '+7',
  '12.0',
  '12.50',
  '12.9',
  '1e3',
  '1.5e2',
  'abc',
  ' 5',
  '5 ',
  '',
  '9223372036854775807',
  '9223372036854775808',
  '-9223372036854775808',
  '0',
  '-0',
  '00',
  '08',
  '0.0',
  '.5',
  '5.',
  '0x',
  '1,000',
  '٣',
]
const nums = [
  0, 1, -1, 1.5, -1.5, 2.5, 0.1, 0.2, 1e6, 1234567.5, 1e21, 1e-7, 123456789.123, -0.0001, 3, 7, 1e15, 4503599627370497,
]
const vals = () => (rnd() < 0.5 ? pick(strs) : rnd() < 0.9 ? pick(nums) : pick([true, false, null]))
const items = Array.from({ length: 150 }, () => [vals(), vals()])
const conv =
  '{{ range .Values.items }}{{ $a := index . 0 }}{{ $b := index . 1 }}{{ int $a }} {{ int64 $a }} {{ float64 $a }} {{ toString $a }} {{ toDecimal $a }} {{ add $a $b }} {{ sub $a $b }} {{ mul $a $b }} {{ max $a $b }} {{ min $a $b }} {{ addf $a $b }} {{ subf $a $b }} {{ mulf $a $b }} {{ maxf $a $b }} {{ minf $a $b }} {{ floor $a }} {{ ceil $a }} {{ round $a 1 }} {{ add1 $a }} {{ add1f $a }} {{ quote $a }} {{ empty $a }} {{ default "d" $a }} {{ typeOf $a }} {{ kindOf $b }}\n{{ end }}'
const div =
  '{{ range .Values.items }}{{ $a := index . 0 }}{{ $b := index . 1 }}{{ if ne (int64 $b) (int64 0) }}{{ div $a $b }} {{ mod $a $b }}{{ end }} {{ if ne (float64 $b) 0.0 }}{{ divf $a $b }}{{ end }}\n{{ end }}'
const atoi = '{{ range .Values.strs }}{{ atoi . }} {{ int . }} {{ float64 . }} {{ toDecimal . }}|{{ end }}'
writeFileSync(
  'test/fixtures/golden/sprig/numberfuzz.cases.json',
  JSON.stringify(
    {
      values: { items, strs },
      cases: [
        ['conv', conv],
        ['div', div],
        ['atoi', atoi],
      ],
      errors: [],
    },
    null,
    1,
  ) + '\n',
)

// Writes test/fixtures/golden/sprig/datefuzz.cases.json: seeded Go layouts, zones, durations and parse inputs for
// Sprig's date functions; then run scripts/golden/sprig.mjs datefuzz.
import { writeFileSync } from 'node:fs'
let seed = Number(process.argv[2] ?? 4)
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
const pick = (a) => a[Math.floor(rnd() * a.length)]
const toks = [
  '2006',
  '06',
  '01',
  '1',
  'Jan',
  'January',
  '02',
  '2',
  '_2',
  '002',
  '15',
  '03',
  '3',
  '04',
  '4',
  '05',
  '5',
  'PM',
  'pm',
  'MST',
  'Z07:00',
  '-07:00',
  '-0700',
  'Z0700',
  '-07',
  '.000',
  '.999',
  '.000000',
  ',999',
  'Mon',
  'Monday',
  ' ',
  '-',
  ':',
  'T',
  '/',
  'x',
  'at',
]
const layouts = Array.from({ length: 60 }, () =>
  Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => pick(toks)).join(''),
)
const times = [
  '2024-03-09T14:05:06.123456789Z',
  '1999-12-31T23:59:59Z',
  '2024-02-29T00:00:00.5+05:30',
  '2001-01-01T12:00:00-08:00',
  '2030-07-04T09:08:07.000100Z',
]
const zones = [
  'UTC',
  'Local',
  'America/New_York',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Australia/Sydney',
  'America/Sao_Paulo',
  'Bogus/Zone',
]
const durs = [
  '1h',
  '90m',
  '1.5h',
  '-2h30m',
  '300ms',
  '1us',
  '2µs',
  '1ns',
  '0',
  '',
  'x',
  '1',
  '1h1h',
  '.5s',
  '-0s',
  '3d',
  '+5m',
  '1e3s',
  '2562047h',
]
const fmt =
  '{{ range $t := .Values.times }}{{ $d := toDate "2006-01-02T15:04:05.999999999Z07:00" $t }}{{ range $.Values.layouts }}{{ date . $d }}|{{ end }}\n{{ range $.Values.zones }}{{ dateInZone "2006-01-02 15:04:05 MST -0700" $d . }}|{{ end }}\n{{ end }}'
const durations =
  '{{ $d := toDate "2006-01-02" "2024-03-09" }}{{ range .Values.durs }}{{ dateModify . $d | date "2006-01-02T15:04:05.999999999" }} {{ duration . }} {{ durationRound . }}|{{ end }}'
const parse =
  '{{ range .Values.layouts }}{{ $s := date . (toDate "2006-01-02T15:04:05Z07:00" "2024-03-09T14:05:06+01:00") }}{{ (toDate . $s) | date "2006-01-02T15:04:05.999999999Z07:00" }}|{{ end }}'
writeFileSync(
  'test/fixtures/golden/sprig/datefuzz.cases.json',
  JSON.stringify(
    {
      values: { layouts, times, zones, durs },
      cases: [
        ['format', fmt],
        ['durations', durations],
        ['parse', parse],
      ],
      errors: [],
    },
    null,
    1,
  ) + '\n',
)

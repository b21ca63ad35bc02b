// Writes test/fixtures/golden/sprig/collectionfuzz.cases.json: seeded nested maps and lists (with "", 0, false,
// nil, empty collections) through merge/mergeOverwrite and the list/dict functions, plus toToml; then run
// scripts/golden/sprig.mjs collectionfuzz.
import { writeFileSync } from 'node:fs'
let seed = Number(process.argv[2] ?? 2)
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
const pick = (a) => a[Math.floor(rnd() * a.length)]
const scalar = () => pick(['', 0, false, null, 'x', 'y', 1, 2.5, true, 'a b', '0'])
const key = () => pick(['a', 'b', 'c', 'd', 'e', 'list', 'm', 'n'])
const value = (depth) => {
  const r = rnd()
  if (depth > 2 || r < 0.55) return scalar()
  if (r < 0.75) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1))
  return map(depth + 1)
}
const map = (depth) => {
  const m = {}
  for (let i = Math.floor(rnd() * 5); i > 0; i--) m[key()] = value(depth)
  return m
}
const pairs = Array.from({ length: 80 }, () => [map(0), map(0), map(0)])
const lists = Array.from({ length: 60 }, () =>
  Array.from({ length: Math.floor(rnd() * 6) }, () => (rnd() < 0.8 ? scalar() : value(2))),
)
const merge =
  '{{ range .Values.pairs }}{{ $a := deepCopy (index . 0) }}{{ $b := deepCopy (index . 1) }}{{ $c := index . 2 }}{{ toJson (merge (deepCopy $a) $b $c) }} {{ toJson (mergeOverwrite (deepCopy $a) $b $c) }} {{ deepEqual $a $b }} {{ toJson (pick $a "a" "b") }} {{ toJson (omit $a "a") }} {{ keys $a | sortAlpha }} {{ toJson (pluck "a" $a $b $c) }} {{ toJson (dig "a" "def" $a) }} {{ hasKey $a "c" }} {{ toJson (get $a "d") }}\n{{ end }}'
const list =
  '{{ range .Values.lists }}{{ toJson (compact .) }} {{ toJson (uniq .) }} {{ toJson (reverse .) }} {{ toJson (without . "x" 0) }} {{ has "x" . }} {{ has 1.0 . }} {{ toJson (first .) }} {{ toJson (last .) }} {{ toJson (rest .) }} {{ toJson (initial .) }} {{ toJson (chunk 2 .) }} {{ toJson (concat . (list 1)) }} {{ len (sortAlpha .) }} {{ toJson (slice . 0 (len . | min 1)) }} {{ empty . }} {{ toString . }} {{ toJson (toStrings .) }} {{ join "," . }} {{ all 1 (index (append . 1) 0) }}\n{{ end }}'
const toml = '{{ range .Values.pairs }}{{ toToml (index . 0) }}@@{{ toYamlPretty (index . 1) }}@@\n{{ end }}'
writeFileSync(
  'test/fixtures/golden/sprig/collectionfuzz.cases.json',
  JSON.stringify(
    {
      values: { pairs, lists },
      cases: [
        ['merge', merge],
        ['list', list],
        ['toml', toml],
      ],
      errors: [],
    },
    null,
    1,
  ) + '\n',
)

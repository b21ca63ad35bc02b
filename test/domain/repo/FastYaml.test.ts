import { parse, stringify } from 'yaml'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { parseSimpleYaml } from '../../../src/domain/repo/FastYaml'

const failsafe = (t: string): unknown => parse(t, { schema: 'failsafe', uniqueKeys: false })

const same = suite('FastYaml.parseSimpleYaml')
const supported: ReadonlyArray<readonly [string, string]> = [
  [
    'an index as Helm writes it',
    'apiVersion: v1\nentries:\n  a:\n  - apiVersion: v2\n    appVersion: 1.16.0\n    created: "2026-11-24T01:48:02.81273658Z"\n    description: A very long description that goes on and on and on and on and on\n      and on to test truncation of columns\n    digest: 28fff45da8\n    name: a\n    urls:\n    - http://x/a-0.1.0.tgz\n    version: 0.1.0\ngenerated: "2026-11-24T01:48:02.812149929Z"\n',
  ],
  ['indented sequences and deep mappings', 'k:\n  - a\n  - b\nm:\n    deep: 1\n    deeper:\n      x: y\n'],
  [
    'quoted scalars with comments and escapes',
    'x: "a # b" # c\ny: \'it\'\'s\'\nz: "tab\\there \\u00e9"\n"quoted key": v\n',
  ],
  [
    'empty values, empty flow collections and nested sequence items',
    'a:\nb: []\nc: {}\nl:\n-\n  a: 1\n- name: n\n  tags:\n  - t1\n  - t2\n  x: ""\n',
  ],
  [
    'CRLF, comments, a leading document marker and nulls kept as text',
    '---\r\n# head\r\na: ~ # tilde\r\nb: null\r\nc: true\r\n',
  ],
  [
    'keywords and maintainers inside sequence items',
    'entries:\n  c:\n  - keywords:\n    - one\n    - two\n    maintainers:\n    - email: a@b\n      name: A\n    name: c\n',
  ],
]
for (const [title, text] of supported)
  same(`should read ${title} exactly as the yaml package (failsafe)`, () => {
    const fast = parseSimpleYaml(text)
    assert.ok(fast !== undefined, 'supported subset')
    assert.equal(fast, failsafe(text))
  })

const outside: ReadonlyArray<readonly [string, string]> = [
  ['anchors', 'a: &x 1\nb: *x\n'],
  ['flow sequences with content', 'e: [a, b]\n'],
  ['block scalars', 'd: |\n  text\n'],
  ['multi-line plain scalars with paragraph breaks', 'g: multi\n  line\n\n  para\n'],
  ['compact nested sequences', 'l:\n- - x\n'],
  ['tags', 'a: !!str 1\n'],
  ['multi-line quoted scalars', 'a: "one\n  two"\n'],
  ['a second document', 'a: 1\n---\nb: 2\n'],
]
for (const [title, text] of outside)
  same(`should leave ${title} to the full parser`, () => {
    assert.is(parseSimpleYaml(text), undefined)
  })

// differential: random documents written by the yaml package in Go's style (and its own), read both ways
const rng = (seed: number) => () => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 2147483648
const ALPHABET = [
  'a',
  'b',
  'Z',
  '1',
  '0',
  ' ',
  ':',
  '#',
  '"',
  "'",
  '-',
  '\\',
  'é',
  '.',
  '/',
  'e',
  '[',
  '{',
  ',',
  '*',
  '&',
  '!',
  '|',
  '>',
  '%',
  '@',
  '?',
  '\t',
]
const randomString = (r: () => number): string => {
  const n = Math.floor(r() * 12)
  let s = ''
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(r() * ALPHABET.length)]
  return r() < 0.1 ? s.repeat(8) : s
}
const randomValue = (r: () => number, depth: number): unknown => {
  const k = r()
  if (depth > 3 || k < 0.5) return randomString(r)
  if (k < 0.75) return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1))
  return Object.fromEntries(
    Array.from({ length: Math.floor(r() * 4) }, () => [randomString(r) || 'k', randomValue(r, depth + 1)]),
  )
}
same('should agree with the yaml package on 400 random documents whenever it answers', () => {
  const r = rng(7)
  let answered = 0
  for (let i = 0; i < 400; i++) {
    const doc = { entries: randomValue(r, 0), name: randomString(r) }
    const text = stringify(doc, { indentSeq: i % 2 === 0, lineWidth: i % 3 === 0 ? 20 : 80, sortMapEntries: true })
    const fast = parseSimpleYaml(text)
    if (fast === undefined) continue
    answered++
    assert.equal(fast, failsafe(text), text)
  }
  assert.ok(answered > 100, `answered ${answered}`)
})
same.run()

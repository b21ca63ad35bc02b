import { readFileSync } from 'node:fs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { metaFiles } from '../../../src/domain/chart/scaffold/Meta'
import { GoInt, type Value } from '../../../src/domain/go/Value'
import { plainBlockValues } from '../../../src/domain/yaml/PlainValues'
import { parseYamlTyped, parseYamlValues } from '../../../src/domain/yaml/Read'

const golden = JSON.parse(readFileSync('test/fixtures/golden/yaml/differential.json', 'utf8')) as {
  readonly cases: ReadonlyArray<{ readonly doc: string }>
}
const scaffoldValues = metaFiles.find(([p]) => p === 'values.yaml')![1]

const show = (_: string, x: unknown): unknown =>
  x instanceof GoInt
    ? `GoInt(${x.kind} ${x.toString()})`
    : typeof x === 'number' && !Number.isFinite(x)
      ? String(x)
      : Object.is(x, -0)
        ? '-0'
        : x

/** Why the line-by-line answer for `doc` is wrong, or undefined when it gave none or the full read's. */
const disagreement = (doc: string, typed = false): string | undefined => {
  const fast = plainBlockValues(doc, typed)
  if (fast === undefined) return undefined
  const full = typed ? parseYamlTyped('', doc) : parseYamlValues('', doc)
  if (full._tag === 'Left')
    return `${JSON.stringify(doc)}: answered, the full read refuses it (${JSON.stringify(full.left)})`
  const [a, b] = [JSON.stringify(fast, show), JSON.stringify(full.right, show)]
  return a === b ? undefined : `${JSON.stringify(doc)}: ${a} vs ${b}`
}

const seeded = (seed: number): ((n: number) => number) => {
  let s = seed
  return (n) => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff
    return s % n
  }
}

const t = suite('plainBlockValues')

t('should build what the full read builds for plain values files', () => {
  const cases: ReadonlyArray<readonly [string, Record<string, Value>]> = [
    ['a: |\n  x\n\n  y\n\nb: 1\n', { a: 'x\n\ny\n', b: 1 }],
    ['a: |-\n\n  x\n', { a: '\nx' }],
    ['a: |\n    x\n   \n    y\n', { a: 'x\n\ny\n' }],
    ['a: |\n  x\n    y\n  z\n', { a: 'x\n  y\nz\n' }],
    ['a: | # c\n  #x\n', { a: '#x\n' }],
    ['a: |\nb: 1\n', { a: '', b: 1 }],
    ['a: |\n  x', { a: 'x' }],
    ['l:\n- a: |\n    x\n  b: 1\n', { l: [{ a: 'x\n', b: 1 }] }],
    [
      'l:\n  - 1\n  - "2"\n  -\n  - k: v\n    j: [a, "b c", \'d\'\'e\', 3, yes]\n',
      { l: [1, '2', null, { k: 'v', j: ['a', 'b c', "d'e", 3, true] }] },
    ],
    [
      'x: 0x10\nz: .5\nw: -7\nv: 1_000\nu: on\nt: 2001-01-01\ns: ~\nr: 1e3 # c\n',
      { x: 16, z: 0.5, w: -7, v: 1000, u: true, t: '2001-01-01', s: null, r: 1000 },
    ],
    [
      "a:\n  # c\n  b: 1\nc:\nd: {}\ne: [] # c\nf: \"q\" # c\ng: 'it''s'\n",
      { a: { b: 1 }, c: null, d: {}, e: [], f: 'q', g: "it's" },
    ],
    ['## a comment\twith a tab\nkey: v\n', { key: 'v' }],
    ['constructor: 1\ntoString: x\n', { constructor: 1, toString: 'x' }],
    [
      'a: x\n  y\n\n\n   z  \nb: 1 \n  2\nl:\n- m\n  n\n- k: o\n   p\n',
      { a: 'x y\n\nz', b: '1 2', l: ['m n', { k: 'o p' }] },
    ],
    ['a: x\n  # c\nb: z\n', { a: 'x', b: 'z' }],
  ]
  for (const [doc, want] of cases) {
    assert.equal(plainBlockValues(doc), want, JSON.stringify(doc))
    assert.is(disagreement(doc), undefined)
  }
  assert.ok(plainBlockValues(scaffoldValues) !== undefined, 'the helm create chart values are plain')
  assert.is(disagreement(scaffoldValues), undefined)
})

t('should leave to the full read whatever it alone can judge', () => {
  const cases = [
    '', // empty: the full read gives {}
    '# only a comment\n',
    '- a\n', // not a mapping
    'a: 1\na: 2\n', // a repeated key
    'y: 1\n', // keys that are not strings
    '80: http\n',
    '<<: {a: 1}\n',
    'a: &x 1\nb: *x\n', // anchors, aliases, tags
    'a: !!str 1\n',
    'a: "\\x41"\n', // escapes
    'a: "x\n  y"\n', // scalars over several lines
    'a: x\n  y: z\n',
    'a: x # c\n  y\n',
    'a: x\n  y # c\n',
    'a: [x]\n  y\n',
    'a:\n  x\n',
    'a: >\n  x\n', // folded and kept block scalars, indentation indicators
    'a: |+\n  x\n',
    'a: |2\n   x\n',
    'a: |\n\n     \n  x\n', // a leading blank line longer than the first line
    'a: |\n  x\n     \n', // spaces past the indentation on a blank line
    'a: .nan\n', // NaN and Inf
    'a: [.inf]\n',
    'a: {b: 1}\n', // flow collections
    'a: [b, {c: d}]\n',
    'a:\tb\n', // a tab outside a comment
    'a: b # c\td\n',
    'a: 1\r\nb: 2\r\n', // other line breaks, a BOM
    '\ufeffa: 1\n',
    '---\na: 1\n', // document markers
    'a: 1\n b: 2\n', // odd indentation
    'a:\n  b: 1\n c: 2\n',
    'a: b: c\n', // a mapping value where none is allowed
    '__proto__: 1\n',
  ]
  for (const doc of cases) assert.is(plainBlockValues(doc), undefined, JSON.stringify(doc))
})

t('should agree with the full read on the differential corpus and on seeded mutations and structures', () => {
  const wrong: string[] = []
  const note = (doc: string): boolean => {
    const w = disagreement(doc)
    if (w !== undefined) wrong.push(w)
    return plainBlockValues(doc) !== undefined
  }
  for (const c of golden.cases) note(c.doc)
  // mutations of the scaffold's values: cut, insert indicators, re-indent
  const pieces = [': ', '- ', '#', ' #', '"', "'", '\n', '\n  ', '|', '|-', '>', '{}', '[]', '[a, 1]', 'y', '.nan']
  const more = ['&a', '*a', '!', '---', "''", '\\', ':', '\u00e9', '~', '0x1', '07', '2001-01-01', '\t', '# \t', '\n\n']
  const all = [...pieces, ...more, '<<: ', 'a: b', '\n- a', '\n    ']
  let rnd = seeded(11)
  let answered = 0
  for (let i = 0; i < 1500; i++) {
    let d = scaffoldValues
    for (let m = 0; m <= rnd(3); m++) {
      const at = rnd(d.length + 1)
      const op = rnd(3)
      if (op === 0) d = d.slice(0, at) + d.slice(at + 1 + rnd(3))
      else if (op === 1) d = d.slice(0, at) + all[rnd(all.length)] + d.slice(at)
      else {
        const lines = d.split('\n')
        const l = rnd(lines.length)
        lines[l] = rnd(2) ? ` ${lines[l]}` : lines[l]!.replace(/^ /, '')
        d = lines.join('\n')
      }
    }
    if (note(d)) answered++
  }
  // random small documents of keys, items, scalars, block scalars and blank lines
  const words = ['a', 'x y', '1', '0.5', 'yes', '~', '', '#c', ' # c', '"q"', "'s''t'", '- a', 'k: v', '{}', '[]']
  const words2 = ['[a, 1]', '|', '|-', '>', '-1', '\u00e9', '  ', 'null', '0o7', '1_000', '\t#x', '# \tx']
  const vocabulary = [...words, ...words2]
  rnd = seeded(5)
  const sp = (): string => ' '.repeat(rnd(7))
  for (let i = 0; i < 3000; i++) {
    const lines: string[] = []
    for (let l = 0, n = 1 + rnd(8); l < n; l++) {
      const w = vocabulary[rnd(vocabulary.length)]
      const shapes = [
        `${sp()}${w}`,
        `${sp()}- ${w}`,
        `${sp()}k${rnd(3)}: ${w}`,
        `${sp()}k${rnd(3)}: |-`,
        sp(),
        `${sp()}k:`,
      ]
      lines.push(shapes[rnd(shapes.length)]!)
    }
    if (note(`top: ${rnd(2) ? '|' : 'x'}\n${lines.join('\n')}${rnd(4) ? '\n' : ''}`)) answered++
  }
  assert.is(wrong.length, 0, wrong.slice(0, 3).join('\n'))
  assert.ok(answered > 500, `${answered} answered`)
})

t('should build ints as GoInt when typed, as parseYamlTyped does (Chart.yaml, requirements)', () => {
  const chart = metaFiles.find(([p]) => p === 'Chart.yaml')![1]
  assert.ok(plainBlockValues(chart, true) !== undefined, 'the helm create Chart.yaml is plain')
  const doc = 'apiVersion: v1\nversion: 1\nbig: 18446744073709551615\nf: 1.5\nlist:\n- 07\n- [1, a]\n'
  const got = plainBlockValues(doc, true)!
  assert.ok(got.version instanceof GoInt && got.version.toString() === '1')
  assert.ok(got.big instanceof GoInt && got.big.kind === 'uint64')
  assert.is(got.f, 1.5)
  const wrong: string[] = []
  const rnd = seeded(3)
  for (const base of [chart, doc]) {
    for (let i = 0; i < 800; i++) {
      let d = base
      for (let m = 0; m <= rnd(3); m++) {
        const at = rnd(d.length + 1)
        const bits = ['1', '-', '0x1f', '.5', ': ', '- ', '"', '\n', '\n  ', '~', 'yes', '[2]', '#']
        d = rnd(2) ? d.slice(0, at) + bits[rnd(bits.length)] + d.slice(at) : d.slice(0, at) + d.slice(at + 1)
      }
      const w = disagreement(d, true)
      if (w !== undefined) wrong.push(w)
    }
  }
  assert.is(wrong.length, 0, wrong.slice(0, 3).join('\n'))
})

t.run()

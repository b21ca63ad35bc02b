import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { GoInt, type GoMap, isGoMap, type Value } from '../../../src/domain/go/Value'
import { parseYamlNode } from '../../../src/domain/yaml/Read'
import { plainBlockTopFields } from '../../../src/domain/yaml/PlainBlock'
import { readTopFields } from '../../../src/domain/yaml/Validate'

const HEAD = ['apiversion', 'kind', 'metadata']
const wanted = (k: string): boolean => HEAD.includes(k.toLowerCase())

/** The wanted entries of the full read (parseYamlNode), when it accepts the document and gives a mapping. */
const fullFields = (text: string): GoMap | undefined => {
  const r = parseYamlNode('', text)
  if (E.isLeft(r) || !isGoMap(r.right)) return undefined
  const out: GoMap = {}
  for (const [k, v] of Object.entries(r.right)) if (wanted(k)) out[k] = v as Value
  return out
}

const golden = JSON.parse(readFileSync('test/fixtures/golden/yaml/differential.json', 'utf8')) as {
  readonly cases: ReadonlyArray<{ readonly doc: string }>
  readonly manifests: ReadonlyArray<{ readonly text: string }>
}

/**
 * Runs a fast read over the differential corpus (its documents and its manifests' documents) and asserts that every
 * answer is the full read's: never an answer where the full read refuses, never other fields. Returns how many of
 * the documents it answered.
 */
const againstFullRead = (read: typeof readTopFields): { docs: string[]; answered: number } => {
  const docs = [...golden.cases.map((c) => c.doc), ...golden.manifests.flatMap((m) => m.text.split(/^---.*$/m))]
  let answered = 0
  const wrong: string[] = []
  for (const doc of docs) {
    const fast = read(doc, wanted)
    if (fast === undefined) continue
    answered++
    const full = fullFields(doc)
    if (full === undefined) wrong.push(`${JSON.stringify(doc)}: accepted, the full read refuses it`)
    else if (JSON.stringify(fast, show) !== JSON.stringify(full, show))
      wrong.push(`${JSON.stringify(doc)}: ${JSON.stringify(fast, show)} vs ${JSON.stringify(full, show)}`)
  }
  assert.is(wrong.length, 0, wrong.slice(0, 5).join('\n'))
  return { docs, answered }
}

const v = suite('readTopFields')
v('should answer only for documents the full read accepts, with the same fields (differential corpus)', () => {
  const { docs, answered } = againstFullRead(readTopFields)
  // the corpus is mostly hostile; its plain documents must still take the validating read
  assert.ok(answered > 300, `${answered} of ${docs.length} answered`)
})
const show = (_: string, x: unknown): unknown =>
  x instanceof GoInt ? `GoInt(${x.toString()})` : typeof x === 'number' && !Number.isFinite(x) ? String(x) : x

v('should read the wanted fields of a plain document, later keys winning, values decoded', () => {
  const doc =
    'apiVersion: v1\nKind: Secret\nkind: ConfigMap\nmetadata:\n  name: 010\n  annotations: {a: "1", b: yes}\n' +
    'data:\n  x: [1, 2, {w: "z"}]\n  "quoted": |\n    text\n'
  const got = readTopFields(doc, wanted)
  assert.equal(JSON.stringify(got, show), JSON.stringify(fullFields(doc), show))
  assert.is((got as GoMap).kind, 'ConfigMap')
  assert.is((got as GoMap).Kind, 'Secret')
})
v('should leave to the full read whatever it alone can judge', () => {
  const cases = [
    'kind: A\nspec: [\n', // a syntax error after the head
    'kind: A\nspec:\n  a: 1\n b: 2\n', // bad indentation after the head
    'kind: A\nx: &a 1\ny: *a\n', // anchors and aliases
    'kind: A\ny: *a\n', // an unknown anchor
    'kind: A\nx: !!int foo\n', // tags
    'kind: A\nx: !!binary "@@"\n',
    'kind: A\nspec:\n  v: .nan\n', // NaN and Inf (json.Marshal refuses them)
    'kind: A\nspec: [-.inf]\n',
    'kind: A\nspec:\n  <<: {a: 1}\n', // merge keys
    'kind: A\nspec:\n  ~: 1\n', // keys that are not strings
    'kind: A\nspec:\n  18446744073709551615: 1\n',
    'kind: A\nspec:\n  ? [a]\n  : 1\n',
    '- a\n', // not a mapping
    'text\n',
    '',
    '# only a comment\n',
    `kind: A\nx: ${'['.repeat(600)}${']'.repeat(600)}\n`, // too deep
    'kind: A\nspec:\n  y: 1\n', // `y` is a YAML 1.1 boolean: the key becomes "true"
  ]
  for (const doc of cases) assert.is(readTopFields(doc, wanted), undefined, JSON.stringify(doc))
})
v('should judge the rest of the document even when the head is complete', () => {
  assert.is(readTopFields('apiVersion: v1\nkind: A\nmetadata: {name: x}\nspec: {a: b\n', wanted), undefined)
  assert.ok(readTopFields('apiVersion: v1\nkind: A\nmetadata: {name: x}\nspec: {a: b}\n', wanted) !== undefined)
})
v('should read into the next document as the full read does', () => {
  for (const doc of ['kind: A\n--- \n[\n', 'kind: A\n... x\n', 'kind: A\n...\n%FOO\n', 'kind: A\n@x\n']) {
    const fast = readTopFields(doc, wanted)
    assert.ok(fast === undefined || JSON.stringify(fast) === JSON.stringify(fullFields(doc)), JSON.stringify(doc))
  }
  assert.is(readTopFields('kind: A\n@x\n', wanted), undefined)
})
v.run()

const b = suite('plainBlockTopFields')
b('should answer only for documents the full read accepts, with the same fields (differential corpus)', () => {
  const { docs, answered } = againstFullRead(plainBlockTopFields)
  assert.ok(answered > 100, `${answered} of ${docs.length} answered`)
})
b('should read a manifest written in plain block YAML', () => {
  const doc = [
    '# Source: c/templates/d.yaml',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: "web"',
    '  namespace: a long',
    '    name',
    '  labels:',
    '    app.kubernetes.io/name: web # a comment',
    '  annotations:',
    "    checksum/config: 'abc''d'",
    '    note: |',
    '      two',
    '',
    '      lines',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '      - name: web',
    '        args:',
    '          - --port=80',
    '          - -v',
    '        env: []',
    '        apiGroups: [\'policy\', "", apps/v1]',
    '        rules:',
    '          []',
    '        expr: :node_memory:sum',
    '        description: a plain scalar',
    '          over lines',
    '',
    '          - with a dash',
    "        help: 'a quoted",
    "      one'' over lines'",
    '        other: "double',
    '  quoted"',
    '        list:',
    '        - item',
    '          going on',
    '        resources: {}',
    '        command:',
    '        -',
    '          - nested',
    '      volumes:',
    '        - name: x',
    '          configMap:',
    '            name: y',
    'data:',
    '  file: |-',
    '    # not a comment',
    '      deeper',
    '  other: 1.5',
    '',
  ].join('\n')
  const got = plainBlockTopFields(doc, wanted)
  assert.ok(got !== undefined)
  assert.equal(JSON.stringify(got, show), JSON.stringify(fullFields(doc), show))
  assert.equal(Object.keys(got as GoMap), ['apiVersion', 'kind', 'metadata'])
})
b('should leave to the token reader whatever lines alone cannot judge', () => {
  const cases = [
    'kind: A\nspec:\n  a: b\n    c: d\n', // a plain scalar going on with a mapping value
    'kind: A\nspec:\n  a: b\n    # c\n    d\n', // ... with a comment
    'kind: A\nspec:\n  a: b # c\n    d\n',
    "kind: A\nspec: 'a\n---\n  b'\n", // a quoted scalar over a document marker
    "kind: A\nspec: 'a\n", // ... never closed
    "kind: A\nspec: 'a\n  b' c\n",
    'kind: A\nspec:\n  a: b: c\n', // a mapping value where none is allowed
    'kind: A\nspec:\n  a: b:\n',
    'kind: A\nspec:\n  - a\n  b: c\n', // a key where an item is expected
    'kind: A\nspec:\n  a: 1\n b: 2\n', // an indentation of no open collection
    'kind: A\nspec: {a: 1}\n', // flow collections
    'kind: A\nspec: [a, {b: c}]\n',
    'kind: A\nspec: [a, ]\n',
    'kind: A\nspec:\n  |\n    text\n', // a block scalar on a line of its own
    'kind: A\nspec:\n  text\n    more: x\n', // a scalar on a line of its own, continued with a value
    'kind: A\nspec: "a\\x41"\n', // escapes with digits
    'kind: A\nspec: "a\n', // an unclosed quote
    'kind: A\nspec: "a" b\n',
    'kind: A\nspec: &x a\n', // anchors, aliases, tags
    'kind: A\nspec: *x\n',
    'kind: A\nspec: !!str a\n',
    'kind: A\nspec: .nan\n', // NaN
    'kind: A\nspec:\n  y: 1\n', // a key that is not a string
    'kind: A\nspec:\n  80: http\n',
    'kind: A\nspec: |2\n   a\n', // an indentation indicator
    'kind: A\nspec: |\n\n     \n   a\n', // a leading empty line longer than the first line
    'kind: A\nspec:\n  a: |\n  b\n', // block content not deeper than its mapping
    'kind: A\nspec:\n\ta: 1\n', // tabs, other line breaks, a BOM
    'kind: A\r\nspec: 1\r\n',
    '\ufeffkind: A\n',
    'kind: A\n---\nkind: B\n', // document markers
    'kind: A\n...\n',
    '%YAML 1.1\n---\nkind: A\n',
    'kind: A\nspec: - a\n', // an item where a value is expected
    'kind: A\nspec:\n  - - a\n', // compact nested sequences
    '- a\n', // not a mapping
    '  kind: A\n',
    '',
    '# only a comment\n',
    `kind: A\n${'k'.repeat(1001)}: 1\n`, // a key past the simple-key length
  ]
  for (const doc of cases) assert.is(plainBlockTopFields(doc, wanted), undefined, JSON.stringify(doc))
})
b('should give the head entries the full read gives, whether it builds them itself or reads them', () => {
  // entries built line by line (string scalars in nested mappings) and entries it leaves to the full reader
  const metadata = [
    "  name: web\n  namespace: \"ns\"\n  labels:\n    app: 'it''s'\n    tier: a b   \n",
    '  name: "a b"  \n  annotations:\n    x/y: "1"\n    "q": z\n    \'s\': ü\n',
    '    name: deep\n    labels:\n        a: b\n    other: c\n',
    '  labels:\n    a: b\n  name: c\n',
    '  name: 2001-01-01\n',
    '  name: 010\n', // an int, a float, a bool, null: not strings
    '  name: 1e3\n',
    '  name: .5\n',
    '  name: yes\n',
    '  name: ~\n',
    '  name:\n  namespace: b\n', // an empty value
    '  name:\n', // ... at the end
    '  name: a\n  name: b\n', // a repeated key
    '  labels:\n    a: 1\n    a: 2\n',
    '  __proto__: x\n',
    '  name: a\n    b\n', // a plain scalar over two lines
    '  name: "a\n    b"\n', // a quoted one
    "  name: 'a\n    b'\n",
    '  name: a # comment\n', // comments
    '  # comment\n  name: a\n',
    '  name: "a\\"b"\n', // an escape
    '  name: -a\n', // indicators
    '  name: ?a\n',
    '  annotations:\n    {}\n  labels: []\n  name: a\n', // empty flow collections, also on a line of their own
    '  annotations:\n    []   \n',
    '  annotations: {}\n    a: b\n',
    '  annotations:\n    {}\n    a: b\n',
    '  annotations:\n    {}\n  {}\n',
    '  labels: {a: b}\n', // other flow collections, sequences, block scalars
    '  labels: [a]\n',
    '  finalizers:\n  - a\n',
    '  name: |\n    a\n',
  ]
  for (const m of metadata) {
    const doc = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n${m}data:\n  a: b\n`
    const fast = plainBlockTopFields(doc, wanted)
    const full = fullFields(doc)
    assert.ok(fast === undefined || full !== undefined, JSON.stringify(doc))
    if (fast !== undefined) assert.is(JSON.stringify(fast, show), JSON.stringify(full, show), JSON.stringify(doc))
  }
  const got = plainBlockTopFields(`apiVersion: v1\nkind: A\nmetadata:\n${metadata[0]}`, wanted)
  assert.equal(got, {
    apiVersion: 'v1',
    kind: 'A',
    metadata: { name: 'web', namespace: 'ns', labels: { app: "it's", tier: 'a b' } },
  })
  assert.equal(
    plainBlockTopFields('apiVersion: v1\nkind: A\nmetadata:\n  annotations:\n    {}\n  labels: []\n', wanted),
    {
      apiVersion: 'v1',
      kind: 'A',
      metadata: { annotations: {}, labels: [] },
    },
  )
})
b('should agree with the full read on mutated manifests (seeded)', () => {
  // rendered-manifest shapes, cut, joined and re-indented at random: every answer must be the full read's
  const base = golden.manifests.flatMap((m) => m.text.split(/^---.*$/m)).filter((d) => /^kind:/m.test(d))
  base.push(
    "kind: A\nmetadata:\n  name: x\n  annotations:\n    a: 'one\n      two'\n    b: |\n      text\nspec:\n  - a: b\n    c:\n    - d\n      e\n",
  )
  const pieces = [
    ' ',
    ':',
    ': ',
    '- ',
    '#',
    ' #',
    '"',
    "'",
    '\n',
    '\n  ',
    '|',
    '{}',
    '[]',
    '[a]',
    'y',
    '.nan',
    '&a',
    '!',
    '---',
  ]
  let seed = 7
  const rnd = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff
    return seed % n
  }
  const wrong: string[] = []
  let answered = 0
  for (let i = 0; i < 3000; i++) {
    let d = base[rnd(base.length)]!
    for (let m = 0; m <= rnd(3); m++) {
      const at = rnd(d.length + 1)
      const op = rnd(3)
      if (op === 0) d = d.slice(0, at) + d.slice(at + 1 + rnd(3))
      else if (op === 1) d = d.slice(0, at) + pieces[rnd(pieces.length)] + d.slice(at)
      else {
        const lines = d.split('\n')
        const l = rnd(lines.length)
        lines[l] = rnd(2) ? ` ${lines[l]}` : lines[l]!.replace(/^ /, '')
        d = lines.join('\n')
      }
    }
    const fast = plainBlockTopFields(d, wanted)
    if (fast === undefined) continue
    answered++
    const full = fullFields(d)
    if (full === undefined || JSON.stringify(fast, show) !== JSON.stringify(full, show)) wrong.push(JSON.stringify(d))
  }
  assert.is(wrong.length, 0, wrong.slice(0, 3).join('\n'))
  assert.ok(answered > 300, `${answered} answered`)
})
b.run()

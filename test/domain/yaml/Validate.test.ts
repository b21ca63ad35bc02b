import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { GoInt, type GoMap, isGoMap, type Value } from '../../../src/domain/go/Value'
import { parseYamlNode } from '../../../src/domain/yaml/Read'
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

const v = suite('readTopFields')
v('should answer only for documents the full read accepts, with the same fields (differential corpus)', () => {
  const docs = [...golden.cases.map((c) => c.doc), ...golden.manifests.flatMap((m) => m.text.split(/^---.*$/m))]
  let answered = 0
  const wrong: string[] = []
  for (const doc of docs) {
    const fast = readTopFields(doc, wanted)
    if (fast === undefined) continue
    answered++
    const full = fullFields(doc)
    if (full === undefined) wrong.push(`${JSON.stringify(doc)}: accepted, the full read refuses it`)
    else if (JSON.stringify(fast, show) !== JSON.stringify(full, show))
      wrong.push(`${JSON.stringify(doc)}: ${JSON.stringify(fast, show)} vs ${JSON.stringify(full, show)}`)
  }
  assert.is(wrong.length, 0, wrong.slice(0, 5).join('\n'))
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

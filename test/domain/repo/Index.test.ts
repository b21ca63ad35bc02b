import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as I from '../../../src/domain/repo/Index'
import { assertLeft, assertRight } from '../../helpers'

const text = `apiVersion: v1
entries:
  alpha:
  - name: alpha
    version: 0.2.0
    urls: [alpha-0.2.0.tgz]
  - name: alpha
    version: 1.0.0-rc.1
    urls: [alpha-1.0.0-rc.1.tgz]
  - name: alpha
    version: 0.10.0
    description: ten
    urls: [https://x.example/alpha-0.10.0.tgz]
    digest: abc
generated: "2020-01-01T00:00:00Z"
`

const parse = suite('Index.parseIndex')
parse('should sort every entry newest first', () => {
  const idx = assertRight(I.parseIndex('t', text))
  assert.equal(
    idx.entries.alpha?.map((v) => v.version),
    ['1.0.0-rc.1', '0.10.0', '0.2.0'],
  )
})
parse('should refuse an index without apiVersion', () => {
  assert.equal(assertLeft(I.parseIndex('t', 'entries: {}\n')), {
    _tag: 'InvalidIndex',
    source: 't',
    reason: 'no API version specified',
  })
})
parse('should refuse text that is not YAML', () => {
  assert.is(assertLeft(I.parseIndex('t', 'apiVersion: [\n'))._tag, 'InvalidIndex')
})
parse('should keep scalars as their source text, as Go string fields do', () => {
  const idx = assertRight(
    I.parseIndex(
      't',
      'apiVersion: v1\nentries:\n  a:\n  - {name: a, version: 1.10, digest: 12e45, appVersion: 007, deprecated: true}\n',
    ),
  )
  const v = idx.entries.a?.[0]
  assert.equal([v?.version, v?.digest, v?.appVersion, v?.deprecated], ['1.10', '12e45', '007', true])
})
parse('should read the JSON form', () => {
  const idx = assertRight(
    I.parseIndex('t', JSON.stringify({ apiVersion: 'v1', entries: { b: [{ name: 'b', version: '1.0.0' }] } })),
  )
  assert.is(idx.entries.b?.[0]?.version, '1.0.0')
})
parse('should name the key at fault when the document has the wrong shape', () => {
  assert.equal(assertLeft(I.parseIndex('idx.yaml', 'apiVersion: v1\nentries:\n- a\n')), {
    _tag: 'InvalidIndex',
    source: 'idx.yaml',
    reason: 'key "entries": expected a mapping of chart names, got list',
  })
  assert.equal(assertLeft(I.parseIndex('idx.yaml', 'apiVersion: {a: 1}\n')), {
    _tag: 'InvalidIndex',
    source: 'idx.yaml',
    reason: 'key "apiVersion": expected a scalar, got mapping',
  })
  assert.equal(assertLeft(I.parseIndex('idx.yaml', '- a\n')), {
    _tag: 'InvalidIndex',
    source: 'idx.yaml',
    reason: 'not a YAML mapping',
  })
})
parse('should drop versions without a name or version, as Helm 4 skips invalid entries', () => {
  const idx = assertRight(
    I.parseIndex(
      't',
      'apiVersion: v1\nentries:\n  a:\n  - {name: a}\n  - {version: 1.0.0}\n  - x\n  - {name: a, version: 2.0.0}\n',
    ),
  )
  assert.equal(
    idx.entries.a?.map((v) => v.version),
    ['2.0.0'],
  )
})
parse.run()

const cache = suite('Index compact cache')
cache('should round-trip an index through its compact cache under the same key only', () => {
  const idx = assertRight(I.parseIndex('t', text))
  const json = I.encodeCompactCache('k1', idx)
  const back = I.decodeCompactCache('k1', json)
  assert.equal(
    back?.entries.alpha?.map((v) => [v.version, v.description]),
    [
      ['1.0.0-rc.1', undefined],
      ['0.10.0', 'ten'],
      ['0.2.0', undefined],
    ],
  )
  assert.is(I.decodeCompactCache('k2', json), undefined)
})
cache('should ignore a corrupt or foreign cache (it is rebuilt from the YAML)', () => {
  assert.is(I.decodeCompactCache('k', '{"key":"k","index":{"entries":[]}}'), undefined)
  assert.is(I.decodeCompactCache('k', 'not json'), undefined)
  assert.is(I.decodeCompactCache('k', '{"index":{}}'), undefined)
})
cache.run()

const find = suite('Index.findVersion')
find('should pick the newest stable version when no constraint is given', () => {
  const idx = assertRight(I.parseIndex('t', text))
  assert.is(assertRight(I.findVersion(idx, 'alpha', ''))?.version, '0.10.0')
})
find('should honour a constraint and exact pre-release versions', () => {
  const idx = assertRight(I.parseIndex('t', text))
  assert.is(assertRight(I.findVersion(idx, 'alpha', '<0.5'))?.version, '0.2.0')
  assert.is(assertRight(I.findVersion(idx, 'alpha', '1.0.0-rc.1'))?.version, '1.0.0-rc.1')
  assert.is(assertRight(I.findVersion(idx, 'alpha', '>0.0.0-0'))?.version, '1.0.0-rc.1')
  assert.is(assertRight(I.findVersion(idx, 'alpha', '>5')), undefined)
  assert.ok(E.isLeft(I.findVersion(idx, 'alpha', '>>5')))
})
find.run()

const add = suite('Index.addVersion')
add('should join the base URL, keep the first copy of a version and serialize sorted keys', () => {
  let idx = I.emptyIndex('2020-01-01T00:00:00Z')
  idx = I.addVersion(
    idx,
    { name: 'c', version: '1.0.0', description: 'd', keywords: [] },
    'c-1.0.0.tgz',
    'http://h/charts/',
    'ff',
    'T1',
  )
  idx = I.addVersion(idx, { name: 'c', version: '1.0.0' }, 'other.tgz', '', 'ee', 'T2')
  idx = I.addVersion(idx, { name: 'c', version: '1.1.0' }, 'c-1.1.0.tgz', '', 'dd', 'T3')
  assert.equal(idx.entries.c?.[0]?.urls, ['http://h/charts/c-1.0.0.tgz'])
  const out = I.serializeIndex(idx)
  assert.ok(out.startsWith('apiVersion: v1\nentries:\n  c:\n  - created: T3\n    digest: dd\n'), out)
  assert.not.match(out, /keywords/)
  assert.match(out, /\ngenerated: "2020-01-01T00:00:00Z"\n$/)
  const back = assertRight(I.parseIndex('t', out))
  assert.equal(
    back.entries.c?.map((v) => v.version),
    ['1.1.0', '1.0.0'],
  )
})
add('should merge only versions the index lacks', () => {
  const a = I.addVersion(I.emptyIndex('g'), { name: 'c', version: '1.0.0' }, 'new.tgz', '', 'n', 'T')
  const b = I.addVersion(
    I.addVersion(I.emptyIndex('g'), { name: 'c', version: '1.0.0' }, 'old.tgz', '', 'o', 'T'),
    { name: 'd', version: '2.0.0' },
    'd.tgz',
    '',
    'd',
    'T',
  )
  const m = I.mergeIndex(a, b)
  assert.equal(
    m.entries.c?.map((v) => v.urls[0]),
    ['new.tgz'],
  )
  assert.equal(
    m.entries.d?.map((v) => v.version),
    ['2.0.0'],
  )
})
add('should print Go RFC3339Nano times', () => {
  assert.is(I.goTime('2020-01-01T00:00:00.120Z'), '2020-01-01T00:00:00.12Z')
  assert.is(I.goTime('2020-01-01T00:00:00.000Z'), '2020-01-01T00:00:00Z')
})
add.run()

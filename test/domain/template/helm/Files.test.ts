import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { filesObject } from '../../../../src/domain/template/helm/Files'
import { compileGlob } from '../../../../src/domain/template/helm/Glob'
import { type GoMap, type Value, methodsOf } from '../../../../src/domain/go/Value'

const enc = (s: string): Uint8Array => new TextEncoder().encode(s)
const toYaml = (m: Readonly<Record<string, string>>): string =>
  Object.keys(m)
    .sort()
    .map((k) => `${k}: ${m[k]}`)
    .join('\n')
const files = filesObject(
  new Map([
    ['conf/a.conf', enc('x=1\ny=2\n')],
    ['conf/sub/b.conf', enc('b')],
    ['README.md', enc('hi')],
  ]),
  toYaml,
)
const call = (s: GoMap, m: string, ...a: Value[]): Value => methodsOf(s)![m]!(...a)

const glob = suite('helm: .Files.Glob patterns')
glob('should keep * inside one segment and let ** cross segments', () => {
  assert.ok(compileGlob('conf/*.conf')!('conf/a.conf'))
  assert.not.ok(compileGlob('conf/*.conf')!('conf/sub/b.conf'))
  assert.ok(compileGlob('conf/**.conf')!('conf/sub/b.conf'))
  assert.ok(compileGlob('{README,x}.md')!('README.md'))
  assert.ok(compileGlob('conf/[a-c].conf')!('conf/a.conf'))
  assert.not.ok(compileGlob('conf/[!a].conf')!('conf/a.conf'))
})
glob.run()

const f = suite('helm: .Files')
f('should Get text, give "" for a missing file and split Lines without the final newline', () => {
  assert.is(call(files, 'Get', 'README.md'), 'hi')
  assert.is(call(files, 'Get', 'nope'), '')
  assert.equal(call(files, 'Lines', 'conf/a.conf'), ['x=1', 'y=2'])
})
f('should Glob into another files object whose AsConfig keys are base names', () => {
  const sub = call(files, 'Glob', 'conf/**') as GoMap
  assert.equal(Object.keys(sub), ['conf/a.conf', 'conf/sub/b.conf'])
  assert.is(call(sub, 'AsConfig'), 'a.conf: x=1\ny=2\n\nb.conf: b')
  assert.is(call(sub, 'AsSecrets'), `a.conf: ${Buffer.from('x=1\ny=2\n').toString('base64')}\nb.conf: Yg==`)
})
f.run()

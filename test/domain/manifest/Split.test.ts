import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { splitManifests } from '../../../src/domain/manifest/Split'

const split = suite('splitManifests (helm template output)')
split('should split on lines starting with --- and drop empty documents', () => {
  assert.equal(splitManifests('---\na: 1\n---\n\nb: 2\n---\n'), ['a: 1', 'b: 2'])
})
split('should start a new document with the text after --- on the same line', () => {
  assert.equal(splitManifests('a: 1\n--- # c\nb: 2'), ['a: 1', '# c\nb: 2'])
})
split('should keep --- that is not at the start of a line', () => {
  assert.equal(splitManifests('a: "x---y"\n  ---z'), ['a: "x---y"\n  ---z'])
})
split('should not split twice on consecutive separators (Go regexp consumes the newline)', () => {
  // real Helm 4.1.4 prints "---\nb: 2" as the second document of this file
  assert.equal(splitManifests('a: 1\n---\n\n---\nb: 2'), ['a: 1', '---\nb: 2'])
})
split.run()

const release = suite('splitManifests (release manifests)')
release('should split on --- lines, trim documents and drop empty ones', () => {
  assert.equal(splitManifests('\n---\na: 1\n---\nb: 2\n  \n---\n'), ['a: 1', 'b: 2'])
})
release('should keep Go regexp greed: a separator swallows the blank lines before the next ---', () => {
  assert.equal(splitManifests('a: 1\n---\n\n---   \nb: 2'), ['a: 1', '---   \nb: 2'])
})
release('should not split on --- inside a line', () => {
  assert.equal(splitManifests('a: x---y\nb: 1'), ['a: x---y\nb: 1'])
})
release.run()

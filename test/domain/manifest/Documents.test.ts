import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { renderedDocuments } from '../../../src/domain/manifest/Documents'

const docs = suite('renderedDocuments')
docs('should visit files by path, skip partials, NOTES.txt and blank files, and split each file', () => {
  const files = new Map([
    ['c/templates/b.yaml', 'kind: B\n---\nkind: B2\n'],
    ['c/templates/_helpers.tpl', 'kind: Partial'],
    ['c/templates/NOTES.txt', 'kind: Notes'],
    ['c/templates/blank.yaml', ' \n\n'],
    ['c/charts/sub/templates/a.yaml', 'kind: Sub'],
    ['c/templates/a.yaml', '---\nkind: A\n'],
  ])
  assert.equal(renderedDocuments(files), [
    { path: 'c/charts/sub/templates/a.yaml', content: 'kind: Sub' },
    { path: 'c/templates/a.yaml', content: 'kind: A' },
    { path: 'c/templates/b.yaml', content: 'kind: B' },
    { path: 'c/templates/b.yaml', content: 'kind: B2' },
  ])
})
docs.run()

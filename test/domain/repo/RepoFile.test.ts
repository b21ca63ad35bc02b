import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as R from '../../../src/domain/repo/RepoFile'
import { assertLeft, assertRight } from '../../helpers'

const entry = (name: string, url: string): R.RepoEntry => ({
  name,
  url,
  cache: `${name}-index.yaml`,
  username: '',
  password: '',
  certFile: '',
  keyFile: '',
  caFile: '',
})

const file = suite('RepoFile')
file('should round-trip repositories.yaml as Helm v2 writes it', () => {
  const f = assertRight(R.addRepo(R.emptyRepoFile('g'), entry('stable', 'https://x/'), '2020-01-01T00:00:00Z'))
  const text = R.serializeRepoFile(f)
  assert.is(
    text,
    'apiVersion: v1\ngenerated: "2020-01-01T00:00:00Z"\nrepositories:\n- caFile: ""\n  cache: stable-index.yaml\n  certFile: ""\n  keyFile: ""\n  name: stable\n  password: ""\n  url: https://x/\n  username: ""\n',
  )
  assert.equal(assertRight(R.parseRepoFile('p', text)), f)
})
file('should refuse a second repository of the same name and removing an unknown one', () => {
  const f = assertRight(R.addRepo(R.emptyRepoFile('g'), entry('a', 'http://a'), 'g'))
  assert.equal(assertLeft(R.addRepo(f, entry('a', 'http://b'), 'g')), { _tag: 'RepoExists', name: 'a' })
  assert.equal(assertLeft(R.removeRepo(f, 'b')), { _tag: 'RepoNotFound', name: 'b' })
  assert.equal(
    R.upsertRepo(f, entry('a', 'http://b'), 'g').repositories.map((r) => r.url),
    ['http://b'],
  )
})
file('should find a repository by URL, ignoring trailing slashes, and by URL prefix', () => {
  const f = assertRight(R.addRepo(R.emptyRepoFile('g'), entry('a', 'http://h/charts/'), 'g'))
  assert.is(R.findRepoByUrl(f, 'http://h/charts')?.name, 'a')
  assert.is(R.findRepoForUrl(f, 'http://h/charts/x-1.0.0.tgz')?.name, 'a')
  assert.is(R.findRepoForUrl(f, 'http://other/x.tgz'), undefined)
})
file('should refuse a file that is not a mapping', () => {
  assert.is(assertLeft(R.parseRepoFile('p', '- a\n'))._tag, 'InvalidRepositoriesFile')
  assert.is(assertLeft(R.parseRepoFile('p', 'repositories: [\n'))._tag, 'InvalidRepositoriesFile')
})
file.run()

import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as L from '../../../src/domain/repo/Lock'

const digest = suite('Lock.lockDigest')
// digests written by the real Helm 4.1.4 `dependency update` for these Chart.yaml (apiVersion v2) dependencies
digest('should hash [dependencies, lock] as Helm 3+ does, escaping < and > as Go does', () => {
  const url = 'http://127.0.0.1:8999/charts'
  assert.is(
    L.lockDigest(
      'v2',
      [{ name: 'alpha', version: '>=0.1.0 <2', repository: url }],
      [{ name: 'alpha', version: '0.1.0', repository: url }],
    ),
    'sha256:02c03cf18a82657ecbde078183c4382dda3b2be6dbbfee04c5154e530ad175a3',
  )
  assert.is(
    L.lockDigest(
      'v2',
      [
        { name: 'child', version: '>=0.1.0 <1', repository: 'file://../child' },
        { name: 'alpha', version: '~0.1.0', repository: url },
      ],
      [
        { name: 'child', version: '0.1.0', repository: 'file://../child' },
        { name: 'alpha', version: '0.1.0', repository: url },
      ],
    ),
    'sha256:4d2eca03439b97efbe6bf4ca64019fd2b5047151113ffb2ae6e55df3ab82fef8',
  )
})
digest('should hash only the requirements for Helm 2 charts', () => {
  const a = L.lockDigest(
    'v1',
    [{ name: 'x', version: '1.0.0', repository: 'r' }],
    [{ name: 'x', version: '1.0.0', repository: 'r' }],
  )
  const b = L.lockDigest(
    'v1',
    [{ name: 'x', version: '1.0.0', repository: 'r' }],
    [{ name: 'x', version: '9.9.9', repository: 'r' }],
  )
  assert.is(a, b)
  assert.match(a, /^sha256:[0-9a-f]{64}$/)
})
digest.run()

const files = suite('Lock files')
files('should name requirements.* for apiVersion v1 and Chart.* for v2', () => {
  assert.equal(L.dependencyFiles('v1'), { deps: 'requirements.yaml', lock: 'requirements.lock' })
  assert.equal(L.dependencyFiles('v2'), { deps: 'Chart.yaml', lock: 'Chart.lock' })
})
files('should read @name and alias:name repositories', () => {
  assert.equal(['@stable', 'alias:stable', 'https://x', 'file://y'].map(L.repositoryAlias), [
    'stable',
    'stable',
    undefined,
    undefined,
  ])
})
files('should write the lock with sorted keys', () => {
  assert.is(
    L.serializeLock({
      generated: '2020-01-01T00:00:00Z',
      digest: 'sha256:ab',
      dependencies: [{ name: 'a', version: '1.0.0', repository: 'r' }],
    }),
    'dependencies:\n- name: a\n  repository: r\n  version: 1.0.0\ndigest: sha256:ab\ngenerated: "2020-01-01T00:00:00Z"\n',
  )
})
files.run()

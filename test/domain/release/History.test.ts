import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as _ from '../../../src/domain/release/History'
import type { StatusCode } from '../../../src/domain/release/Release'
import { stubRelease } from '../../ports/ReleaseStore.contract'

const revs = (...codes: StatusCode[]) => codes.map((c, i) => stubRelease('r', i + 1, c))

const history = suite('History')
history('should find the latest and the deployed revision', () => {
  const h = revs('SUPERSEDED', 'DEPLOYED', 'FAILED').reverse()
  assert.is(_.latest(h)?.version, 3)
  assert.is(_.deployed(h)?.version, 2)
  assert.is(_.deployed(revs('FAILED')), undefined)
})
history('should lock on a pending latest revision only', () => {
  assert.ok(_.isLocked(revs('DEPLOYED', 'PENDING_UPGRADE')))
  assert.not.ok(_.isLocked(revs('PENDING_UPGRADE', 'DEPLOYED')))
})
history('should prune the oldest revisions to make room, never the deployed one', () => {
  assert.equal(
    _.pruneForCreate(revs('SUPERSEDED', 'SUPERSEDED', 'DEPLOYED'), 3).map((r) => r.version),
    [1],
  )
  assert.equal(
    _.pruneForCreate(revs('DEPLOYED', 'FAILED', 'FAILED'), 2).map((r) => r.version),
    [2, 3],
  )
  assert.equal(_.pruneForCreate(revs('DEPLOYED', 'FAILED'), 0), [])
})
history('should allow only Tiller status transitions', () => {
  assert.ok(_.canTransition('PENDING_UPGRADE', 'DEPLOYED'))
  assert.ok(_.canTransition('DEPLOYED', 'SUPERSEDED'))
  assert.ok(_.canTransition('DELETED', 'SUPERSEDED'))
  assert.not.ok(_.canTransition('SUPERSEDED', 'DEPLOYED'))
  assert.not.ok(_.canTransition('DELETED', 'DEPLOYED'))
})
history.run()

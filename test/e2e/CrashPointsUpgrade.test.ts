// SIGKILL after every write of upgrade and rollback (real processes): see test/support/crashPoints.ts.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { install, runCrashPoints, small, twice } from '../support/crashPoints'

const crash = suite('crash points: SIGKILL after every write of upgrade and rollback (real processes)')
crash('should leave the release whole and upgradeable after a SIGKILL at every write', async () => {
  const matrix = await runCrashPoints([
    {
      id: 'upgrade',
      keepsDeployed: true,
      chart: small,
      setup: (c, n) => install(c, n, small('1.0.0')).then(() => undefined),
      run: (c, n) => c.updateRelease({ name: n, chart: small('2.0.0') })(),
    },
    {
      id: 'rollback',
      keepsDeployed: true,
      chart: small,
      setup: twice(small),
      run: (c, n) => c.rollbackRelease({ name: n, version: 1 })(),
    },
  ])
  assert.ok(matrix.length >= 8, matrix.join('\n'))
})
crash.run()

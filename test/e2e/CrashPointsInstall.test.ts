// SIGKILL after every write of install and delete (real processes): see test/support/crashPoints.ts.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { runCrashPoints, small, twice } from '../support/crashPoints'

const crash = suite('crash points: SIGKILL after every write of install and delete (real processes)')
crash('should leave the release whole and upgradeable after a SIGKILL at every write', async () => {
  const matrix = await runCrashPoints([
    {
      id: 'install',
      keepsDeployed: false,
      chart: small,
      setup: async () => undefined,
      run: (c, n) => c.installRelease({ name: n, namespace: 'default', chart: small('1.0.0') })(),
    },
    {
      id: 'delete',
      keepsDeployed: false,
      chart: small,
      setup: twice(small),
      run: (c, n) => c.uninstallRelease({ name: n })(),
    },
  ])
  assert.ok(matrix.length >= 6, matrix.join('\n'))
})
crash.run()

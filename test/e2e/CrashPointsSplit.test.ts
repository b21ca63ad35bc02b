// SIGKILL after every write of an upgrade of a split release (1.2 MiB, two chunks), on real processes:
// see test/support/crashPoints.ts.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { big, install, runCrashPoints } from '../support/crashPoints'

const crash = suite(
  'crash points: SIGKILL after every write of an upgrade of a split release (1.2 MiB, two chunks) (real processes)',
)
crash('should leave the release whole and upgradeable after a SIGKILL at every write', async () => {
  const matrix = await runCrashPoints([
    {
      id: 'split',
      keepsDeployed: true,
      chart: big,
      setup: (c, n) => install(c, n, big('1.0.0')).then(() => undefined),
      run: (c, n) => c.updateRelease({ name: n, chart: big('2.0.0') })(),
    },
  ])
  assert.ok(matrix.length >= 5, matrix.join('\n'))
})
crash.run()

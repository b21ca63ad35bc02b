import * as E from 'fp-ts/Either'
import { TillerCommand } from '../TillerCommand'
import { Arg, Flag } from '../front/Flag'
import { usage, needs } from '../HelmCommand'

export default class TestCommand extends TillerCommand {
  static override paths = [['test']]
  static override usage = usage({
    use: 'test [RELEASE]',
    short: 'Test a release',
    long: `
The test command runs the tests for a release.

The argument this command takes is the name of a deployed release.
The tests to be run are defined in the chart that was installed.
`,
  })
  static override checkArgs = needs('release name')
  timeout = Flag.seconds(
    '--timeout',
    300,
    'Time in seconds to wait for any individual Kubernetes operation (like Jobs for hooks)',
  )
  cleanup = Flag.bool('--cleanup', 'Delete test pods upon completion')
  parallel = Flag.bool('--parallel', 'Run test pods in parallel')
  max = Flag.uint32('--max', 20, 'Maximum number of test pods to run in parallel')
  logs = Flag.bool(
    '--logs',
    'Dump the logs from test pods (this runs after all tests are complete, but before any cleanup',
  )
  name = Arg.required('RELEASE')

  async execute(): Promise<number> {
    const name = this.name
    const { testsFailed } = await import('../../domain/release/ReleaseError')
    const { sprintf } = await import('../../domain/go/Fmt')
    return this.withTiller(async (api) => {
      let failed = 0
      const stream = api.runReleaseTest({
        name,
        timeout: this.timeout,
        cleanup: this.cleanup,
        parallel: this.parallel,
        maxParallel: this.max,
        logs: this.logs,
      })
      for await (const m of stream) {
        if (E.isLeft(m)) return this.fail(m.left)
        if (m.right.status === 'FAILURE') failed++
        // Helm v2 prints each message as a Printf format (Tiller doubles the `%` of pod logs for that)
        this.context.stdout.write(sprintf(`${m.right.msg}\n`))
      }
      return failed > 0 ? this.fail(testsFailed(failed)) : 0
    })
  }
}

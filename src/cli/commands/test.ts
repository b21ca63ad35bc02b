import { Command, Option } from 'clipanion'
import * as E from 'fp-ts/Either'
import { TillerCommand } from '../TillerCommand'

export default class TestCommand extends TillerCommand {
  static override paths = [['test']]
  static override usage = Command.Usage({
    description: 'test a release',
    details: `The test command runs the tests for a release.

The argument this command takes is the name of a deployed release.
The tests to be run are defined in the chart that was installed.`,
  })
  timeout = Option.String('--timeout', '300', {
    description: 'time in seconds to wait for any individual Kubernetes operation (like Jobs for hooks)',
  })
  cleanup = Option.Boolean('--cleanup', false, { description: 'delete test pods upon completion' })
  parallel = Option.Boolean('--parallel', false, { description: 'run test pods in parallel' })
  max = Option.String('--max', '20', { description: 'maximum number of test pods to run in parallel' })
  logs = Option.Boolean('--logs', false, {
    description: 'dump the logs from test pods (this runs after all tests are complete, but before any cleanup)',
  })
  name = Option.String({ required: false })

  async execute(): Promise<number> {
    if (this.name === undefined) {
      this.context.stderr.write('Error: release name is required\n')
      return 1
    }
    const name = this.name
    const { testsFailed } = await import('../../domain/release/ReleaseError')
    const { sprintf } = await import('../../domain/go/Fmt')
    return this.withTiller(async (api) => {
      let failed = 0
      const stream = api.runReleaseTest({
        name,
        timeout: Number(this.timeout) || 300,
        cleanup: this.cleanup,
        parallel: this.parallel,
        maxParallel: Number(this.max) || 20,
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

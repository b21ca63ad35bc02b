import { HelmCommand, usage } from '../HelmCommand'

export default class HomeCommand extends HelmCommand {
  static override paths = [['home']]
  static override usage = usage({
    use: 'home',
    short: 'Displays the location of HELM_HOME',
    long: `
This command displays the location of HELM_HOME. This is where
any helm configuration files live.
`,
  })

  async execute(): Promise<number> {
    this.context.stdout.write(`${this.helmHome()}\n`)
    return 0
  }
}

import { HelmCommand, usage } from '../HelmCommand'
import { Arg } from '../front/Flag'
import type { Resolver } from '../front/Resolve'

/** cobra's default help command (`helm help [command]`), as Helm v2 has it. */
export default class HelpCommand extends HelmCommand {
  static override paths = [['help']]
  static override usage = usage({
    use: 'help [command]',
    short: 'Help about any command',
    long: `Help provides help for any command in the application.
Simply type helm help [path to command] for full details.`,
  })
  topic = Arg.rest('command')

  async execute(): Promise<number> {
    const resolver = (this.cli as unknown as { resolver: Resolver }).resolver
    const found = await resolver.find(this.topic)
    if (found.unknown !== undefined) {
      // cobra: `c.Printf("Unknown help topic %#q\n", args)`, then the root's usage, both on stderr; exit 0
      const { canBackquote, quote } = await import('../../domain/go/Strconv')
      const topics = this.topic.map((t) => (canBackquote(t) ? `\`${t}\`` : quote(t))).join(' ')
      this.context.stderr.write(`Unknown help topic [${topics}]\n`)
      this.context.stderr.write(await resolver.usage([resolver.root], this.context.env))
      return 0
    }
    this.context.stdout.write(await resolver.help(found.path, this.context.env))
    return 0
  }
}

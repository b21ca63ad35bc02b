import type { Resolver } from '../front/Resolve'
import { HelmCommand, usage } from '../HelmCommand'
import { Arg } from '../front/Flag'

/** A command path and its flags, as the completion script needs them. */
interface Entry {
  readonly path: ReadonlyArray<string>
  readonly flags: ReadonlyArray<string>
}

const shellWords = (xs: Iterable<string>): string => [...new Set(xs)].sort().join(' ')

/** The bash completion script over our commands: subcommand names by path, then flags, else files. */
const bashScript = (entries: ReadonlyArray<Entry>): string => {
  const groups = new Map<string, Set<string>>()
  for (const e of entries)
    for (let i = 0; i < e.path.length; i++) {
      const key = e.path.slice(0, i).join(' ')
      const set = groups.get(key) ?? new Set<string>()
      set.add(e.path[i] as string)
      groups.set(key, set)
    }
  const subcommands = [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `        "${k}") words="${shellWords(v)}" ;;`)
    .join('\n')
  const flags = [...entries]
    .sort((a, b) => b.path.length - a.path.length)
    .map((e) => `        "${e.path.join(' ')}"|"${e.path.join(' ')} "*) flags="${shellWords(e.flags)}" ;;`)
    .join('\n')
  return `# bash completion for helm                                 -*- shell-script -*-
# Load it with: source <(helm completion bash)

__helm_path() {
    local i path=""
    for ((i = 1; i < COMP_CWORD; i++)); do
        case "\${COMP_WORDS[i]}" in
            -*) ;;
            *) path="\${path:+$path }\${COMP_WORDS[i]}" ;;
        esac
    done
    printf '%s' "$path"
}

_helm() {
    local cur="\${COMP_WORDS[COMP_CWORD]}" path words="" flags=""
    path="$(__helm_path)"
    case "$path" in
${subcommands}
    esac
    case "$path" in
${flags}
    esac
    if [[ "$cur" == -* ]]; then
        COMPREPLY=( $(compgen -W "$flags" -- "$cur") )
    elif [[ -n "$words" ]]; then
        COMPREPLY=( $(compgen -W "$words" -- "$cur") )
    else
        COMPREPLY=( $(compgen -f -- "$cur") )
    fi
}

complete -o default -F _helm helm
`
}

export default class CompletionCommand extends HelmCommand {
  static override paths = [['completion']]
  static override usage = usage({
    use: 'completion SHELL',
    short: 'Generate autocompletions script for the specified shell (bash or zsh)',
    long: `
Generate autocompletions script for Helm for the specified shell (bash or zsh).

This command can generate shell autocompletions. e.g.

	$ helm completion bash

Can be sourced as such

	$ source <(helm completion bash)
`,
  })
  static override checkArgs = (args: ReadonlyArray<string>) =>
    args.length === 0
      ? 'shell not specified'
      : args.length > 1
        ? 'too many arguments, expected only the shell type'
        : undefined
  shell = Arg.one('SHELL')

  async execute(): Promise<number> {
    const { invalidArgument } = await import('../../domain/GeneralError')
    if (this.shell !== 'bash' && this.shell !== 'zsh')
      return this.fail(invalidArgument(`unsupported shell type "${this.shell}"`))
    const resolver = (this.cli as unknown as { resolver: Resolver }).resolver
    const { allNodes } = await import('../front/Tree')
    const entries: Entry[] = []
    for (const { path, node } of allNodes(resolver.root)) {
      if (node.deprecated !== undefined) continue
      const flags = node.external ? [] : (await resolver.flagSet(node)).specs
      const names = flags.flatMap((f) => [`--${f.name}`, ...(f.shorthand !== undefined ? [`-${f.shorthand}`] : [])])
      for (const name of [node.name, ...(node.aliases ?? [])])
        entries.push({ path: [...path.slice(0, -1), name], flags: names })
    }
    const bash = bashScript(entries)
    // zsh runs the bash script through its bash-completion emulation, as Helm v2's zsh script did.
    this.context.stdout.write(
      this.shell === 'bash' ? bash : `#compdef helm\nautoload -U +X bashcompinit && bashcompinit\n\n${bash}`,
    )
    return 0
  }
}

import * as E from 'fp-ts/Either'
import { invalidArgument, type GeneralError } from '../GeneralError'

/** The global flags helm takes for itself out of a plugin's arguments (Helm v2's manuallyProcessArgs). */
export interface PluginGlobals {
  readonly debug: boolean
  readonly host?: string
  readonly kubeContext?: string
  readonly home?: string
  readonly tillerNamespace?: string
}

const valued = ['--host', '--kube-context', '--home', '--tiller-namespace'] as const
type Valued = (typeof valued)[number]

const key = (flag: Valued): keyof Omit<PluginGlobals, 'debug'> =>
  flag === '--host'
    ? 'host'
    : flag === '--kube-context'
      ? 'kubeContext'
      : flag === '--home'
        ? 'home'
        : 'tillerNamespace'

/**
 * Splits what follows `helm NAME` as Helm v2's manuallyProcessArgs does: `--debug`, and `--host`, `--kube-context`,
 * `--home`, `--tiller-namespace` (as `--flag value` or `--flag=value`), wherever they stand, are helm's; every other
 * word, in order, is the plugin's (`--debug=true`, `--kubeconfig` and the rest go to the plugin, as in v2). A later
 * flag wins. Left InvalidArgument for a valued flag with nothing after it (v2 panicked).
 */
export const splitPluginArgs = (
  args: ReadonlyArray<string>,
): E.Either<GeneralError, { readonly globals: PluginGlobals; readonly rest: ReadonlyArray<string> }> => {
  const globals: { -readonly [K in keyof PluginGlobals]: PluginGlobals[K] } = { debug: false }
  const rest: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string
    if (a === '--debug') {
      globals.debug = true
      continue
    }
    const exact = valued.find((f) => f === a)
    if (exact !== undefined) {
      const value = args[i + 1]
      if (value === undefined) return E.left(invalidArgument(`flag needs an argument: ${exact}`))
      globals[key(exact)] = value
      i++
      continue
    }
    const prefixed = valued.find((f) => a.startsWith(`${f}=`))
    if (prefixed !== undefined) globals[key(prefixed)] = a.slice(prefixed.length + 1)
    else rest.push(a)
  }
  return E.right({ globals, rest })
}

import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import type { PlatformCommand, PluginMetadata } from './PluginFile'
import { type PluginError, pluginNoCommand } from './PluginError'

/** A program to start: its file (a path, or a name looked up in $PATH) and its arguments. Never a shell line. */
export interface Invocation {
  readonly file: string
  readonly args: ReadonlyArray<string>
}

/** Where helm runs, in Go's names (runtime.GOOS, runtime.GOARCH): `linux`/`darwin`/`windows`, `amd64`/`arm64`. */
export interface Platform {
  readonly os: string
  readonly arch: string
}

type Lookup = (name: string) => string

const isSpecial = (c: string): boolean => '*#$@!?-'.includes(c) || (c >= '0' && c <= '9')
const isAlphaNum = (c: string): boolean => c === '_' || /^[0-9A-Za-z]$/.test(c)

// Go's os.getShellName: the name after a `$` and how many bytes it took
const shellName = (s: string): readonly [string, number] => {
  if (s[0] === '{') {
    if (s.length > 2 && isSpecial(s[1] as string) && s[2] === '}') return [s.slice(1, 2), 3]
    for (let i = 1; i < s.length; i++) if (s[i] === '}') return i === 1 ? ['', 2] : [s.slice(1, i), i + 1] // "${}" is bad syntax: eaten
    return ['', 1] // no closing brace: "${" eaten
  }
  if (isSpecial(s[0] as string)) return [s.slice(0, 1), 1]
  let i = 0
  while (i < s.length && isAlphaNum(s[i] as string)) i++
  return [s.slice(0, i), i]
}

/**
 * Go's os.Expand: `$NAME` and `${NAME}` replaced by `lookup(NAME)` (an unset variable is empty), `$` before
 * anything else kept, bad syntax (`${}`, an unclosed `${`) dropped. Helm expands plugin commands so.
 */
export const expandEnv = (s: string, lookup: Lookup): string => {
  let out = ''
  let from = 0
  for (let j = 0; j < s.length; j++) {
    if (s[j] !== '$' || j + 1 >= s.length) continue
    out += s.slice(from, j)
    const [name, w] = shellName(s.slice(j + 1))
    if (name === '' && w > 0) {
      // invalid syntax: the characters are eaten
    } else if (name === '') out += '$'
    else out += lookup(name)
    j += w
    from = j + 1
  }
  return out + s.slice(from)
}

/** An environment as a lookup for `expandEnv` (unset: ''). */
export const lookupIn =
  (env: Readonly<Record<string, string | undefined>>): Lookup =>
  (name) =>
    env[name] ?? ''

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase()

/**
 * The `platformCommand` entry for `p` (Helm 3): one naming this OS and architecture, else one naming this OS and no
 * architecture (the first), else one naming neither; None when none applies (`command` is used then).
 */
export const choosePlatform = (entries: ReadonlyArray<PlatformCommand>, p: Platform): O.Option<PlatformCommand> => {
  const exact = entries.find((c) => same(c.os, p.os) && same(c.arch, p.arch))
  const osOnly = entries.find((c) => same(c.os, p.os) && c.arch === '')
  const generic = entries.find((c) => c.os === '' && c.arch === '')
  return O.fromNullable(exact ?? osOnly ?? generic)
}

// Helm v2's PrepareCommand: the command line with the environment expanded, then split at each space (a value
// holding a space splits too; `a  b` gives an empty argument), never through a shell
const split = (line: string, lookup: Lookup): string[] => expandEnv(line, lookup).split(' ')

/**
 * The program `helm NAME args` starts (pkg/plugin.PrepareCommand): the platformCommand for `p` (its `args`
 * expanded too) or else `command`; `args` appended unless `ignoreFlags`. `env` is the plugin's environment,
 * used to expand. Left PluginNoCommand when neither gives a program.
 */
export const prepareCommand = (
  m: PluginMetadata,
  p: Platform,
  env: Readonly<Record<string, string | undefined>>,
  args: ReadonlyArray<string>,
): E.Either<PluginError, Invocation> => {
  const lookup = lookupIn(env)
  const chosen = choosePlatform(m.platformCommand, p)
  const [file = '', ...base] = O.isSome(chosen)
    ? [...split(chosen.value.command, lookup), ...chosen.value.args.map((a) => expandEnv(a, lookup))]
    : split(m.command, lookup)
  if (file === '') return E.left(pluginNoCommand(m.name, `${p.os}/${p.arch}`))
  return E.right({ file, args: [...base, ...(m.ignoreFlags ? [] : args)] })
}

/**
 * The program of a plugin's `event` hook, None when it has none: a `hooks` line runs through `sh -c` (Helm v2's
 * runHook); a `platformHooks` entry for `p` (Helm 3) is its command and args, expanded.
 */
export const prepareHook = (
  m: PluginMetadata,
  event: string,
  p: Platform,
  env: Readonly<Record<string, string | undefined>>,
): O.Option<Invocation> => {
  const line = m.hooks[event] ?? ''
  if (line !== '') return O.some({ file: 'sh', args: ['-c', line] })
  const chosen = choosePlatform(m.platformHooks[event] ?? [], p)
  if (O.isNone(chosen)) return O.none
  const lookup = lookupIn(env)
  const [file = '', ...base] = [
    ...split(chosen.value.command, lookup),
    ...chosen.value.args.map((a) => expandEnv(a, lookup)),
  ]
  return file === '' ? O.none : O.some({ file, args: base })
}

/** The TLS files a repository gives its downloader (its repositories.yaml entry): '' when not set. */
export interface DownloaderTls {
  readonly certFile: string
  readonly keyFile: string
  readonly caFile: string
}

/**
 * A downloader's program for `url` (pkg/getter.pluginGetter): `command certFile keyFile caFile URL`, the command
 * split at spaces (sub-commands allowed) with the environment expanded (as Helm 3 does), its program relative
 * to the plugin's folder unless absolute.
 */
export const downloaderInvocation = (
  command: string,
  pluginDir: string,
  env: Readonly<Record<string, string | undefined>>,
  tls: DownloaderTls,
  url: string,
): Invocation => {
  const [program = '', ...args] = split(command, lookupIn(env))
  const file = program.startsWith('/') ? program : `${pluginDir.replace(/\/+$/, '')}/${program}`
  return { file, args: [...args, tls.certFile, tls.keyFile, tls.caFile, url] }
}

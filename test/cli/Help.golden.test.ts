import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { rootNode } from '../../src/cli/commands/index'
import { findChild } from '../../src/cli/front/Tree'
import { helm } from '../helpers'
import { type V2Command, v2Aliases, v2Commands } from './V2Reference'

// Help as Helm v2.17 prints it: cobra v0.0.5's help template over what the generated reference says of each
// command (Long, use line, flags with pflag's FlagUsages), plus v2's aliases. HOME=~ makes the defaults that
// depend on $HOME read as in the reference ("~/.helm", "~/.gnupg/pubring.gpg").
const env = { HOME: '~' }
const hasPlugin = findChild(rootNode, 'plugin') !== undefined
const commands = v2Commands().filter((c) => hasPlugin || !c.path.startsWith('helm plugin'))

/** cobra's HelpTemplate + UsageTemplate, filled from the reference. */
const expectedHelp = (c: V2Command): string => {
  const isRoot = c.path === 'helm'
  const children = [
    ...c.children.filter((k) => hasPlugin || k.name !== 'plugin'),
    // cobra adds its help command to the root (the generated docs leave it out)
    ...(isRoot ? [{ name: 'help', short: 'Help about any command' }] : []),
  ].sort((a, b) => (a.name < b.name ? -1 : 1))
  const name = c.path.split(' ').pop() as string
  const about = (c.long || c.short).replace(/\s+$/, '')
  let usage = 'Usage:'
  if (c.useLine) usage += `\n  ${c.useLine}`
  if (children.length) usage += `\n  ${c.path} [command]`
  const aliases = v2Aliases[c.path]
  if (aliases) usage += `\n\nAliases:\n  ${[name, ...aliases].join(', ')}`
  if (children.length) {
    const pad = Math.max(11, ...children.map((k) => k.name.length))
    usage += `\n\nAvailable Commands:${children.map((k) => `\n  ${k.name.padEnd(pad)} ${k.short}`).join('')}`
  }
  if (c.flags) usage += `\n\nFlags:\n${c.flags.replace(/\s+$/, '')}`
  if (c.inherited) usage += `\n\nGlobal Flags:\n${c.inherited.replace(/\s+$/, '')}`
  if (children.length) usage += `\n\nUse "${c.path} [command] --help" for more information about a command.`
  return `${about ? `${about}\n\n` : ''}${usage}\n`
}

const golden = suite('help as Helm v2.17 prints it')
golden('should print each command help as cobra printed it in v2 (helm CMD --help, helm help CMD)', async () => {
  for (const c of commands) {
    const words = c.path.split(' ').slice(1)
    const expected = expectedHelp(c)
    const viaFlag = await helm([...words, '--help'], { env })
    assert.is(viaFlag.stdout, expected, `${c.path} --help`)
    assert.is(viaFlag.code, 0)
    const viaShort = await helm([...words, '-h'], { env })
    assert.is(viaShort.stdout, expected, `${c.path} -h`)
    const viaHelp = await helm(['help', ...words], { env })
    assert.is(viaHelp.stdout, expected, `helm help ${words.join(' ')}`)
  }
})
golden(
  'should print the help of a command that does not run by itself (helm, helm repo, helm dependency)',
  async () => {
    const byPath = new Map(commands.map((c) => [c.path, c]))
    for (const [args, path] of [
      [[], 'helm'],
      [['--debug'], 'helm'],
      [['repo'], 'helm repo'],
      [['dependency'], 'helm dependency'],
      [['dep'], 'helm dependency'],
      // cobra: below the root an unknown word is an argument of a command that only prints help
      [['repo', 'bogus'], 'helm repo'],
    ] as const) {
      const r = await helm([...args], { env })
      assert.is(r.stdout, expectedHelp(byPath.get(path) as V2Command), args.join(' '))
      assert.is(r.code, 0)
      assert.is(r.stderr, '')
    }
  },
)
golden('should print cobra help command own help', async () => {
  const r = await helm(['help', '--help'], { env })
  const globals = (commands.find((c) => c.path === 'helm repo') as V2Command).inherited.replace(/\s+$/, '')
  assert.is(
    r.stdout,
    `Help provides help for any command in the application.
Simply type helm help [path to command] for full details.

Usage:
  helm help [command] [flags]

Flags:
  -h, --help   help for help

Global Flags:
${globals}
`,
  )
})
golden.run()

const errors = suite('errors as Helm v2.17 prints them')
const fails = async (args: string[], stderr: string) => {
  const r = await helm(args, { env })
  assert.is(r.stderr, stderr, args.join(' '))
  assert.is(r.stdout, '', args.join(' '))
  assert.is(r.code, 1, args.join(' '))
}
errors('should refuse an unknown command, with cobra suggestions (Levenshtein <= 2, prefix, SuggestFor)', async () => {
  const unknown = (word: string, suggestions: string[]) =>
    `Error: unknown command "${word}" for "helm"${
      suggestions.length ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join('')}` : ''
    }\nRun 'helm --help' for usage.\n`
  await fails(['instal'], unknown('instal', ['install']))
  await fails(['INSTALL', 'x'], unknown('INSTALL', ['install']))
  await fails(['stauts'], unknown('stauts', ['status']))
  await fails(['rm', 'x'], unknown('rm', ['delete']))
  await fails(['remove'], unknown('remove', ['delete']))
  await fails(['rep'], unknown('rep', ['get', 'repo']))
  await fails(['frobnicate'], unknown('frobnicate', []))
  // cobra's stripFlags takes an unknown flag to have a value: the word after it is skipped
  await fails(['--bogus', 'install', 'chart'], unknown('chart', []))
})
errors('should refuse unknown flags and bad or missing flag values with pflag texts', async () => {
  await fails(['list', '--bogus'], 'Error: unknown flag: --bogus\n')
  await fails(['--bogus'], 'Error: unknown flag: --bogus\n')
  await fails(['list', '-x'], "Error: unknown shorthand flag: 'x' in -x\n")
  await fails(['list', '-qx'], "Error: unknown shorthand flag: 'x' in -x\n")
  await fails(
    ['list', '--max', 'abc'],
    'Error: invalid argument "abc" for "-m, --max" flag: strconv.ParseInt: parsing "abc": invalid syntax\n',
  )
  await fails(
    ['history', 'x', '--max', '99999999999'],
    'Error: invalid argument "99999999999" for "--max" flag: strconv.ParseInt: parsing "99999999999": value out of range\n',
  )
  await fails(
    ['package', '--save=nope', '.'],
    'Error: invalid argument "nope" for "--save" flag: strconv.ParseBool: parsing "nope": invalid syntax\n',
  )
  await fails(['list', '--max'], 'Error: flag needs an argument: --max\n')
  await fails(['list', '-m'], "Error: flag needs an argument: 'm' in -m\n")
  await fails(
    ['init', '-o', 'xml'],
    'Error: invalid argument "xml" for "-o, --output" flag: unknown output format "xml"\n',
  )
})
errors('should refuse missing or extra arguments with each command own v2 text', async () => {
  await fails(['create', '--starter=x'], 'Error: the name of the new chart is required\n')
  await fails(['create', 'a', 'b'], "Error: command 'create' doesn't support multiple arguments\n")
  await fails(['install'], 'Error: This command needs 1 argument: chart name\n')
  await fails(['upgrade', 'x'], 'Error: This command needs 2 arguments: release name, chart path\n')
  await fails(['rollback'], 'Error: This command needs 2 arguments: release name, revision number\n')
  await fails(['status'], 'Error: release name is required\n')
  await fails(['get', 'values'], 'Error: release name is required\n')
  await fails(['history'], 'Error: release name is required\n')
  await fails(['delete'], "Error: command 'delete' requires a release name\n")
  await fails(['test'], 'Error: This command needs 1 argument: release name\n')
  await fails(['fetch'], 'Error: need at least one argument, url or repo/name of the chart\n')
  await fails(['package'], 'Error: need at least one argument, the path to the chart\n')
  await fails(
    ['repo', 'add', 'x'],
    'Error: This command needs 2 arguments: name for the chart repository, the url of the chart repository\n',
  )
  await fails(['repo', 'remove'], 'Error: need at least one argument, name of chart repository\n')
  await fails(['repo', 'index'], 'Error: This command needs 1 argument: path to a directory\n')
  await fails(['verify'], 'Error: a path to a package file is required\n')
  await fails(['inspect', 'values'], 'Error: This command needs 1 argument: chart name\n')
  await fails(['template'], 'Error: chart is required\n')
  await fails(['completion'], 'Error: shell not specified\n')
  await fails(['completion', 'bash', 'zsh'], 'Error: too many arguments, expected only the shell type\n')
  await fails(['init', 'x'], 'Error: This command does not accept arguments\n')
  await fails(['reset', 'x'], 'Error: This command does not accept arguments\n')
})
errors('should say so for an unknown help topic, then print the root usage on stderr (exit 0)', async () => {
  const r = await helm(['help', 'instal'], { env })
  assert.is(r.code, 0)
  assert.is(r.stdout, '')
  const root = expectedHelp(commands.find((c) => c.path === 'helm') as V2Command)
  assert.is(r.stderr, `Unknown help topic [\`instal\`]\n${root.slice(root.indexOf('Usage:'))}`)
})
errors('should print the notices of a deprecated flag and command', async () => {
  const r = await helm(['upgrade', '--disable-hooks', 'x', 'y', '--help'], { env })
  assert.is(r.stderr, 'Flag --disable-hooks has been deprecated, Use --no-hooks instead\n')
  assert.is(r.code, 0)
  const u = await helm(['update', '--help'], { env })
  assert.is(u.stderr, `Command "update" is deprecated, Use 'helm repo update'\n\n`)
})
errors.run()

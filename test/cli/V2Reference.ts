import { readdirSync, readFileSync } from 'node:fs'

/**
 * Helm v2.17.0's generated command reference (test/fixtures/helm-v2/docs, from helm/helm's docs/helm at tag
 * v2.17.0, written by cobra's doc generator) read back into what cobra held: each command's Short, Long,
 * use line, local and inherited flag usages and children.
 */
export interface V2Command {
  /** `helm`, `helm repo add`, ... */
  readonly path: string
  readonly short: string
  readonly long: string
  /** The use line as help prints it (with ` [flags]`), when the command is runnable. */
  readonly useLine?: string
  /** pflag `FlagUsages` of the local flags ("Options") and inherited ones, as printed. */
  readonly flags: string
  readonly inherited: string
  /** The children help lists, with their Short. */
  readonly children: ReadonlyArray<{ readonly name: string; readonly short: string }>
}

const docs = new URL('../fixtures/helm-v2/docs/', import.meta.url)

const block = (text: string, heading: string): string =>
  new RegExp(`### ${heading}\\n\\n\`\`\`\\n([\\s\\S]*?)\`\`\``).exec(text)?.[1] ?? ''

/** cobra doc/md_docs.go: `## PATH`, Short, `### Synopsis` + Long, the use line, Options, inherited, SEE ALSO. */
const parse = (text: string): V2Command => {
  const lines = text.split('\n')
  const path = (lines[0] as string).replace(/^## /, '')
  const short = lines[2] as string
  const synopsis = /### Synopsis\n\n([\s\S]*?)\n\n(?:```\n([^\n]*)\n```\n\n|### )/.exec(text)
  if (!synopsis) throw new Error(`${path}: no synopsis`)
  const seeAlso = text.split('### SEE ALSO\n\n')[1] ?? ''
  const children = [...seeAlso.matchAll(/^\* \[([^\]]+)\]\([^)]+\)\t - (.*)$/gm)]
    .map((m) => ({ path: m[1] as string, short: m[2] as string }))
    .filter((c) => c.path.startsWith(`${path} `))
    .map((c) => ({ name: c.path.slice(path.length + 1), short: c.short }))
  return {
    path,
    short,
    long: synopsis[1] as string,
    ...(synopsis[2] !== undefined ? { useLine: synopsis[2] } : {}),
    flags: block(text, 'Options'),
    inherited: block(text, 'Options inherited from parent commands'),
    children,
  }
}

/** Every command of the reference. */
export const v2Commands = (): V2Command[] =>
  readdirSync(docs)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => parse(readFileSync(new URL(f, docs), 'utf8')))

/** Aliases are not in the generated docs: these are the `Aliases` of Helm v2.17's cmd/helm/*.go. */
export const v2Aliases: Readonly<Record<string, ReadonlyArray<string>>> = {
  'helm delete': ['del'],
  'helm dependency': ['dep', 'dependencies'],
  'helm dependency list': ['ls'],
  'helm dependency update': ['up'],
  'helm history': ['hist'],
  'helm list': ['ls'],
  'helm repo remove': ['rm'],
  'helm repo update': ['up'],
}

/** One (command, flag) pair of test/fixtures/helm-v2/reference-flags.tsv. */
export interface V2Flag {
  readonly command: string
  readonly shorthand: string
  readonly flag: string
  readonly type: string
  readonly scope: 'local' | 'global'
}

/** The reference's (command, flag) pairs. */
export const v2Flags = (): V2Flag[] =>
  readFileSync(new URL('../fixtures/helm-v2/reference-flags.tsv', import.meta.url), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => {
      const [command, shorthand, flag, type, scope] = line.split('\t') as [string, string, string, string, string]
      return { command, shorthand, flag, type, scope: scope as 'local' | 'global' }
    })

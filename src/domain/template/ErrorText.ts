import { RE2JS } from 're2js'

/** Helm wraps `fail`/`required` messages in these markers; the formatter finds them anywhere in an error chain. */
export const failStart = 'HELM_ERR_START'
export const failEnd = 'HELM_ERR_END'

/** What the formatter needs of an engine error: Go's message and, for a failed function call, its cause. */
export interface ErrorChainLink {
  readonly message: string
  readonly cause?: unknown
}

/** Helm's cleanupParseError: `parse error at (<file>:<line>): <reason>`. */
export const parseErrorText = (filename: string, message: string): string => {
  const tokens = message.split(': ')
  if (tokens.length === 1) return `parse error in (${filename}): ${message}`
  return `parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`
}

// Helm's regexps for Go's "template: NAME:L:C: executing "T" at <X>: MSG" texts, lazy (?U) as Helm writes them.
// Compiled on first use: only failing renders need them.
let patterns: { readonly full: RE2JS; readonly short: RE2JS } | undefined
const errorPatterns = (): { readonly full: RE2JS; readonly short: RE2JS } =>
  (patterns ??= {
    full: RE2JS.compile(
      '^template: (?P<templateName>(?U).+): executing (?P<functionName>(?U).+) at (?P<location>(?U).+): (?P<errMsg>(?U).+)(?P<extra>( template:.*)?)$',
    ),
    short: RE2JS.compile('^template: (?P<templateName>(?U).+): (?P<errMsg>.*)(?P<extra>( template:.*)?)$'),
  })

interface Traceable {
  readonly location: string
  message: string
  readonly executedFunction: string
}

const traceableOf = (text: string): Traceable => {
  const { full, short } = errorPatterns()
  let m = full.matcher(text)
  if (m.matches())
    return {
      location: m.group('templateName') ?? '',
      message: m.group('errMsg') ?? '',
      executedFunction: `executing ${m.group('functionName')} at ${m.group('location')}:`,
    }
  m = short.matcher(text)
  if (m.matches())
    return { location: m.group('templateName') ?? '', message: m.group('errMsg') ?? '', executedFunction: '' }
  return { location: '', message: text, executedFunction: '' }
}

const isLink = (e: unknown): e is ErrorChainLink =>
  typeof e === 'object' && e !== null && typeof (e as ErrorChainLink).message === 'string'

/**
 * Helm 4's reformatExecErrorMsg over an execution error: `execution error at (<loc>): <msg>` for
 * `fail`/`required`; the original one-line Go text when the chain ends in a function's own error
 * (`error calling eq: ...`, tpl errors); otherwise one block per template of the chain
 * (`<file>:L:C\n  executing "T" at <X>:\n    <msg>`), as Helm prints nil pointers and bad fields.
 */
export const execErrorText = (err: ErrorChainLink): string => {
  const text = err.message
  const tokens = text.split(': ')
  if (tokens.length < 3) return text
  const rest = tokens.slice(2).join(': ')
  const s = rest.indexOf(failStart)
  const e = rest.lastIndexOf(failEnd)
  if (s >= 0 && e > s) return `execution error at (${tokens[1]}): ${rest.slice(s + failStart.length, e)}`

  const chain: Traceable[] = []
  let current: unknown = err
  while (isLink(current)) {
    const msg = current.message
    const functionError = !msg.startsWith('template:')
    if (functionError) {
      // A function's own error (not a template's) ends Helm's walk: it prints Go's text unchanged.
      return text
    }
    const t = traceableOf(msg)
    const last = chain[chain.length - 1]
    if (
      !last ||
      last.location !== t.location ||
      last.message !== t.message ||
      last.executedFunction !== t.executedFunction
    )
      chain.push(t)
    current = current.cause
  }
  let prev = ''
  for (let i = chain.length - 1; i >= 0; i--) {
    const cur = chain[i]!.message
    if (i !== chain.length - 1 && prev !== '' && cur.includes(prev)) chain[i]!.message = cur.replaceAll(prev, '')
    prev = cur
  }
  for (const t of chain) if (t.executedFunction !== '' && t.message.includes(t.executedFunction)) t.message = ''
  let out = ''
  for (const t of chain) {
    if (t.message === '') continue
    if (t.location !== '') out += `${t.location}\n  `
    if (t.executedFunction !== '') out += `${t.executedFunction}\n    `
    out += `${t.message}\n`
  }
  return out.trim()
}

import { MAX_DEPTH } from '../yaml/Depth'

/**
 * A fast reader for the plain block-style YAML that `helm repo index` and index servers write (2-space
 * mappings, `- ` sequences, plain/quoted one-line scalars, folded plain continuation lines), giving the same
 * result as the `yaml` package with the failsafe schema (every scalar a string). Anything outside that
 * subset (anchors, tags, flow collections with content, block scalars, complex keys) makes it give up
 * (returns undefined) so the caller falls back to the full parser. Public indexes are tens of MB: this is
 * what keeps `repo update` and a cold `search` fast.
 */
export const parseSimpleYaml = (text: string): unknown => {
  try {
    return new Reader(text).document()
  } catch (err) {
    if (err instanceof Unsupported) return undefined
    throw err
  }
}

class Unsupported extends Error {}
const bail = (): never => {
  throw new Unsupported()
}

interface Line {
  readonly indent: number
  readonly text: string
  /** a blank or comment line came just before (it would end or fold a multi-line scalar) */
  readonly gap: boolean
}

const KEY = /^([A-Za-z0-9_./$@-][^:#'"\t]*?|"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'):(?: +|$)/
const PLAIN_START_BAD = /^[&*!|>%@`{[\]},?#]/

class Reader {
  private readonly lines: Line[] = []
  private i = 0

  constructor(text: string) {
    const raw = text.split('\n')
    let gap = false
    for (let n = 0; n < raw.length; n++) {
      let l = raw[n] ?? ''
      if (l.endsWith('\r')) l = l.slice(0, -1)
      const content = l.trimStart()
      if (content === '' || content.startsWith('#')) {
        gap = true
        continue
      }
      const indent = l.length - content.length
      if (l.slice(0, indent).includes('\t')) bail()
      if (n === 0 && content === '---') continue
      if (content.startsWith('---') || content.startsWith('...') || content.startsWith('%')) bail()
      this.lines.push({ indent, text: content.replace(/\s+$/, ''), gap })
      gap = false
    }
  }

  document(): unknown {
    const first = this.lines[0]
    if (!first) return null
    const v = this.block(first.indent)
    if (this.i < this.lines.length) bail()
    return v
  }

  private peek(): Line | undefined {
    return this.lines[this.i]
  }

  private block(indent: number): unknown {
    const l = this.peek()
    if (!l || l.indent < indent) return ''
    return isSeqItem(l.text) ? this.sequence(l.indent) : this.mapping(l.indent, undefined)
  }

  // Deeper than every decoded document may nest: the full parser reports it (see yaml/Depth).
  private depth = 0
  private nested<T>(f: () => T): T {
    if (++this.depth > MAX_DEPTH) bail()
    const v = f()
    this.depth--
    return v
  }

  private sequence(indent: number): unknown[] {
    return this.nested(() => this.sequenceItems(indent))
  }

  private sequenceItems(indent: number): unknown[] {
    const out: unknown[] = []
    for (let l = this.peek(); l && l.indent === indent && isSeqItem(l.text); l = this.peek()) {
      this.i++
      const rest = l.text.slice(1).replace(/^ +/, '')
      if (rest === '') {
        out.push(this.block(indent + 1))
        continue
      }
      const col = indent + (l.text.length - rest.length)
      if (isSeqItem(rest)) bail()
      if (KEY.test(rest)) out.push(this.mapping(col, rest))
      else out.push(this.scalar(rest, indent))
    }
    return out
  }

  /** A mapping at `indent`; `first` is an entry already cut from a `- key: value` line. */
  private mapping(indent: number, first: string | undefined): Record<string, unknown> {
    return this.nested(() => this.mappingEntries(indent, first))
  }

  private mappingEntries(indent: number, first: string | undefined): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    const entry = (text: string): void => {
      const m = KEY.exec(text)
      if (!m) bail()
      const key = unquote((m as RegExpExecArray)[1] ?? '')
      if (key === '__proto__') bail()
      const rest = text.slice((m as RegExpExecArray)[0].length)
      if (rest === '' || rest.startsWith('#')) {
        const next = this.peek()
        if (next && next.indent > indent) out[key] = this.block(indent + 1)
        else if (next && next.indent === indent && isSeqItem(next.text)) out[key] = this.sequence(indent)
        else out[key] = ''
      } else out[key] = this.scalar(rest, indent)
    }
    if (first !== undefined) entry(first)
    for (let l = this.peek(); l && l.indent === indent && !isSeqItem(l.text); l = this.peek()) {
      this.i++
      entry(l.text)
    }
    const after = this.peek()
    if (after && after.indent > indent) bail()
    return out
  }

  /** A scalar value starting on the current line; plain ones may continue on more-indented lines. */
  private scalar(text: string, parentIndent: number): unknown {
    if (text === '[]') return []
    if (text === '{}') return {}
    if (text.startsWith('"')) return trailing(doubleQuoted(text))
    if (text.startsWith("'")) return trailing(singleQuoted(text))
    if (PLAIN_START_BAD.test(text) || text.startsWith('- ') || text === '-') bail()
    const hash = text.indexOf(' #')
    let value = (hash >= 0 ? text.slice(0, hash) : text).replace(/\s+$/, '')
    if (/: |:$|\t/.test(value)) bail()
    // folded continuation lines of a multi-line plain scalar
    for (let l = this.peek(); l && l.indent > parentIndent; l = this.peek()) {
      if (hash >= 0 || l.gap || /: |:$| #|\t/.test(l.text) || l.text.startsWith('#') || isSeqItem(l.text)) bail()
      this.i++
      value += ` ${l.text}`
    }
    return value
  }
}

const isSeqItem = (t: string): boolean => t === '-' || t.startsWith('- ')

const trailing = ([value, rest]: readonly [string, string]): string => {
  if (rest.trim() !== '' && !/^\s+#/.test(rest)) bail()
  return value
}

const unquote = (k: string): string =>
  k.startsWith('"') ? doubleQuoted(k)[0] : k.startsWith("'") ? singleQuoted(k)[0] : k.trimEnd()

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  b: '\b',
  f: '\f',
  ' ': ' ',
}

/** A one-line double-quoted scalar: its value and the text after the closing quote. */
const doubleQuoted = (t: string): readonly [string, string] => {
  let out = ''
  for (let i = 1; i < t.length; i++) {
    const c = t[i] as string
    if (c === '"') return [out, t.slice(i + 1)]
    if (c !== '\\') {
      out += c
      continue
    }
    const e = t[++i] ?? ''
    if (e in ESCAPES) out += ESCAPES[e]
    else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(t.slice(i + 1, i + 5))) {
      out += String.fromCharCode(Number.parseInt(t.slice(i + 1, i + 5), 16))
      i += 4
    } else bail()
  }
  return bail()
}

/** A one-line single-quoted scalar: its value and the text after the closing quote. */
const singleQuoted = (t: string): readonly [string, string] => {
  let out = ''
  for (let i = 1; i < t.length; i++) {
    const c = t[i] as string
    if (c !== "'") out += c
    else if (t[i + 1] === "'") {
      out += "'"
      i++
    } else return [out, t.slice(i + 1)]
  }
  return bail()
}

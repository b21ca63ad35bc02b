/**
 * The character layer of the YAML reader, as libyaml's (behind yaml.v2, hence Helm) sees text: positions count
 * characters, line breaks are CR, LF, CRLF, NEL, LS and PS, and control characters are refused as the reader
 * decodes its input in 512-byte chunks (so one far beyond the first document is never seen).
 */

/** A position: character index, 0-based line and column (libyaml's yaml_mark_t). */
export interface Mark {
  readonly index: number
  readonly line: number
  readonly column: number
}

/** Which layer failed; yaml.v2 words the line of a scanner error 1-based and of a parser error 0-based. */
export type YamlFailureKind = 'reader' | 'scanner' | 'parser' | 'decoder'

/**
 * A failure as yaml.v2 reports it. `text` is Go's whole error text (`yaml: line 2: did not find expected key`,
 * `yaml: found unexpected end of stream`); `mark` the problem's position for our own diagnostics.
 */
export class YamlFailure extends Error {
  constructor(
    readonly text: string,
    readonly mark: Mark | undefined,
  ) {
    super(text)
    this.name = 'YamlFailure'
  }
}

/** yaml.v2's parser.fail: the problem's line (1-based for scanner errors), else the context's, else none. */
export const failure = (
  kind: YamlFailureKind,
  problem: string,
  problemMark: Mark | undefined,
  contextMark: Mark | undefined,
): YamlFailure => {
  let line = 0
  if (problemMark !== undefined && problemMark.line !== 0) line = problemMark.line + (kind === 'scanner' ? 1 : 0)
  else if (contextMark !== undefined && contextMark.line !== 0) line = contextMark.line
  return new YamlFailure(`yaml: ${line !== 0 ? `line ${line}: ` : ''}${problem}`, problemMark ?? contextMark)
}

const allowed = (cp: number): boolean =>
  cp === 0x09 ||
  cp === 0x0a ||
  cp === 0x0d ||
  (cp >= 0x20 && cp <= 0x7e) ||
  cp === 0x85 ||
  (cp >= 0xa0 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  (cp >= 0x10000 && cp <= 0x10ffff)

const utf8Width = (cp: number): number => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4)

// any code unit `allowed` refuses, or a lone surrogate: most texts have none, and a regular expression finds
// that out far faster than decoding them
const anyRefused =
  /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/**
 * The code-unit index of the first character decoded with the 512-byte chunk that holds the first refused
 * character (a character split by a chunk boundary is decoded with the later chunk), or Infinity.
 */
const refusedChunkStart = (text: string): number => {
  if (!anyRefused.test(text)) return Number.POSITIVE_INFINITY
  let bytes = 0
  let bad = -1
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!
    // a lone surrogate is not valid UTF-8 either
    if (!allowed(cp) || (cp >= 0xd800 && cp <= 0xdfff)) {
      bad = bytes
      break
    }
    bytes += utf8Width(cp)
    if (cp > 0xffff) i++
  }
  if (bad < 0) return Number.POSITIVE_INFINITY
  const boundary = Math.floor(bad / 512) * 512
  bytes = 0
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!
    if (bytes + utf8Width(cp) > boundary) return i
    bytes += utf8Width(cp)
    if (cp > 0xffff) i++
  }
  return text.length
}

/** A cursor over the text with libyaml's character classes; lookahead `at(k)` is in code units (syntax is ASCII). */
export class Reader {
  pos = 0
  index = 0
  line = 0
  column = 0
  private readonly refusedAt: number

  constructor(readonly text: string) {
    this.refusedAt = refusedChunkStart(text)
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1
  }

  get mark(): Mark {
    return { index: this.index, line: this.line, column: this.column }
  }

  /** The character `k` code units ahead ('' at the end); reading into a chunk with a control character fails. */
  at(k = 0): string {
    const p = this.pos + k
    if (p >= this.refusedAt) throw failure('reader', 'control characters are not allowed', undefined, undefined)
    return p < this.text.length ? this.text[p]! : ''
  }

  is(s: string, k = 0): boolean {
    return this.at(k) === s
  }

  /** End of input (libyaml's NUL). */
  isZ(k = 0): boolean {
    return this.at(k) === ''
  }

  isBlank(k = 0): boolean {
    const c = this.at(k)
    return c === ' ' || c === '\t'
  }

  isBreak(k = 0): boolean {
    const c = this.at(k)
    return c === '\r' || c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029'
  }

  isBreakZ(k = 0): boolean {
    return this.isBreak(k) || this.isZ(k)
  }

  isBlankZ(k = 0): boolean {
    return this.isBlank(k) || this.isBreakZ(k)
  }

  /** libyaml's is_alpha: the characters of anchors, tag handles and directive names. */
  isAlpha(k = 0): boolean {
    return /^[0-9A-Za-z_-]$/.test(this.at(k))
  }

  /** Moves past one character (a surrogate pair is one). */
  skip(): void {
    const c = this.text.charCodeAt(this.pos)
    this.pos += c >= 0xd800 && c < 0xdc00 ? 2 : 1
    this.index++
    this.column++
  }

  /**
   * Moves past spaces (not tabs) while the column is below `maxColumn`, at once: `while (is(' ')) skip()`,
   * failing as that would on reading into a chunk with a control character.
   */
  skipSpaces(maxColumn = Number.POSITIVE_INFINITY): void {
    const t = this.text
    let p = this.pos
    let column = this.column
    for (; column < maxColumn; p++, column++) {
      if (p >= this.refusedAt) throw failure('reader', 'control characters are not allowed', undefined, undefined)
      if (t.charCodeAt(p) !== 32) break
    }
    this.index += p - this.pos
    this.pos = p
    this.column = column
  }

  /** Reads spaces and tabs at once: `while (isBlank()) s += read()`, failing as that would. */
  readBlanks(): string {
    const t = this.text
    const start = this.pos
    let p = start
    for (;;) {
      if (p >= this.refusedAt) throw failure('reader', 'control characters are not allowed', undefined, undefined)
      const c = t.charCodeAt(p)
      if (c !== 32 && c !== 9) break
      p++
    }
    const n = p - start
    this.pos = p
    this.index += n
    this.column += n
    return t.slice(start, p)
  }

  /**
   * Reads the characters a quoted scalar continues with, at once: up to a blank, a line break, the end, a quote
   * or (double-quoted) a backslash. Fails as reading them one by one would.
   */
  readQuotedRun(single: boolean): string {
    const t = this.text
    const start = this.pos
    let p = start
    let n = 0
    for (;;) {
      if (p >= this.refusedAt) throw failure('reader', 'control characters are not allowed', undefined, undefined)
      if (p >= t.length) break
      const c = t.charCodeAt(p)
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0x85 || c === 0x2028 || c === 0x2029) break
      if (single ? c === 39 : c === 34 || c === 92) break
      p += c >= 0xd800 && c < 0xdc00 ? 2 : 1
      n++
    }
    this.pos = p
    this.index += n
    this.column += n
    return t.slice(start, p)
  }

  /** Moves past a line break (CRLF is one). */
  skipLine(): void {
    if (this.is('\r') && this.is('\n', 1)) {
      this.pos += 2
      this.index += 2
    } else if (this.isBreak()) {
      this.pos++
      this.index++
    } else return
    this.column = 0
    this.line++
  }

  /** The current character, then moves past it. */
  read(): string {
    const c = this.text.charCodeAt(this.pos)
    const s = this.text.slice(this.pos, this.pos + (c >= 0xd800 && c < 0xdc00 ? 2 : 1))
    this.at()
    this.skip()
    return s
  }

  /** Reads up to the next line break or the end at once: `while (!isBreakZ()) s += read()`. */
  readToBreak(): string {
    return this.readRun(false, false)
  }

  /**
   * Reads the characters a plain scalar continues with, at once: up to a blank, a line break, the end, a `:`
   * before a blank (or the end) and, in flow context, `,[]{}`.
   */
  readPlainRun(flow: boolean): string {
    return this.readRun(true, flow)
  }

  private readRun(plain: boolean, flow: boolean): string {
    const t = this.text
    const start = this.pos
    let p = start
    let n = 0
    for (;;) {
      if (p >= this.refusedAt) throw failure('reader', 'control characters are not allowed', undefined, undefined)
      if (p >= t.length) break
      const c = t.charCodeAt(p)
      if (c === 10 || c === 13 || c === 0x85 || c === 0x2028 || c === 0x2029) break
      if (plain) {
        if (c === 32 || c === 9) break
        if (c === 58) {
          if (p + 1 >= this.refusedAt)
            throw failure('reader', 'control characters are not allowed', undefined, undefined)
          const d = p + 1 < t.length ? t.charCodeAt(p + 1) : -1
          if (d === -1 || d === 32 || d === 9 || d === 10 || d === 13 || d === 0x85 || d === 0x2028 || d === 0x2029)
            break
        }
        if (flow && (c === 44 || c === 91 || c === 93 || c === 123 || c === 125)) break
      }
      p += c >= 0xd800 && c < 0xdc00 ? 2 : 1
      n++
    }
    this.pos = p
    this.index += n
    this.column += n
    return t.slice(start, p)
  }

  /** A line break read as libyaml reads it: CR, LF, CRLF and NEL become LF; LS and PS stay. */
  readLine(): string {
    if (this.is('\r') && this.is('\n', 1)) {
      this.skipLine()
      return '\n'
    }
    const c = this.at()
    if (!this.isBreak()) return ''
    this.skipLine()
    return c === '\u2028' || c === '\u2029' ? c : '\n'
  }
}

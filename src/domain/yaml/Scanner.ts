/**
 * The YAML scanner Helm reads with, in libyaml's terms (yaml.v2's scannerc): tokens are pulled one at a time,
 * block structure comes from an indentation stack, and a "simple key" (`key:` without `?`) is recognised when
 * its `:` arrives, by inserting KEY (and BLOCK-MAPPING-START) before tokens already queued. Flow collections
 * ignore indentation entirely, which is why `list: [a,\n b]` continued at any column reads.
 */
import { failure, type Mark, Reader } from './Reader'
import { scanBlock, scanPlain, scanQuoted } from './ScanScalar'
import type { Token, TokenType } from './Token'

interface SimpleKey {
  possible: boolean
  required: boolean
  tokenNumber: number
  mark: Mark
}

// goyaml.v2's depth limits (the sigs.k8s.io fork Helm uses)
const MAX_FLOW_LEVEL = 10000
const MAX_INDENTS = 10000

const TAG_URI = /^[0-9A-Za-z_\-;/?:@&=+$,.!~*'()[\]%]$/

export class Scanner {
  private readonly r: Reader
  private readonly queue: Token[] = []
  private parsed = 0
  private started = false
  private indent = -1
  private readonly indents: number[] = []
  private simpleKeyAllowed = false
  private readonly simpleKeys: SimpleKey[] = []
  private flowLevel = 0

  constructor(text: string) {
    this.r = new Reader(text)
  }

  /** The next token, without consuming it. */
  peek(): Token {
    this.fetchMore()
    return this.queue[0]!
  }

  /** Consumes the next token. */
  next(): Token {
    const t = this.peek()
    this.queue.shift()
    this.parsed++
    return t
  }

  private fetchMore(): void {
    for (;;) {
      if (this.queue.length > 0) {
        this.staleSimpleKeys()
        if (!this.headMayBeKey()) return
      }
      this.fetchNext()
    }
  }

  /** Whether the queue's first token may still turn out to be a simple key (its `:` not read yet). */
  private headMayBeKey(): boolean {
    const keys = this.simpleKeys
    for (let i = 0; i < keys.length; i++) if (keys[i]!.possible && keys[i]!.tokenNumber === this.parsed) return true
    return false
  }

  private push(type: TokenType, start: Mark, extra?: object): void {
    const end = this.r.mark
    this.queue.push((extra === undefined ? { type, start, end } : { type, start, end, ...extra }) as Token)
  }

  private fetchNext(): void {
    const r = this.r
    if (!this.started) {
      this.started = true
      this.indent = -1
      this.simpleKeyAllowed = true
      this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: r.mark })
      this.push('stream-start', r.mark)
      return
    }
    this.scanToNextToken()
    this.staleSimpleKeys()
    this.unrollIndent(r.column)
    if (r.isZ()) return this.fetchStreamEnd()
    if (r.column === 0 && r.is('%')) return this.fetchDirective()
    if (r.column === 0 && r.is('-') && r.is('-', 1) && r.is('-', 2) && r.isBlankZ(3))
      return this.fetchDocumentIndicator('document-start')
    if (r.column === 0 && r.is('.') && r.is('.', 1) && r.is('.', 2) && r.isBlankZ(3))
      return this.fetchDocumentIndicator('document-end')
    const c = r.at()
    if (c === '[') return this.fetchFlowStart('flow-sequence-start')
    if (c === '{') return this.fetchFlowStart('flow-mapping-start')
    if (c === ']') return this.fetchFlowEnd('flow-sequence-end')
    if (c === '}') return this.fetchFlowEnd('flow-mapping-end')
    if (c === ',') return this.fetchFlowEntry()
    if (c === '-' && r.isBlankZ(1)) return this.fetchBlockEntry()
    if (c === '?' && (this.flowLevel > 0 || r.isBlankZ(1))) return this.fetchKey()
    if (c === ':' && (this.flowLevel > 0 || r.isBlankZ(1))) return this.fetchValue()
    if (c === '*') return this.fetchAnchor('alias')
    if (c === '&') return this.fetchAnchor('anchor')
    if (c === '!') return this.fetchTag()
    if ((c === '|' || c === '>') && this.flowLevel === 0) return this.fetchBlockScalar(c === '|')
    if (c === "'" || c === '"') return this.fetchQuoted(c === "'")
    if (
      !(r.isBlankZ() || '-?:,[]{}#&*!|>\'"%@`'.includes(c)) ||
      (c === '-' && !r.isBlank(1)) ||
      (this.flowLevel === 0 && (c === '?' || c === ':') && !r.isBlankZ(1))
    )
      return this.fetchPlain()
    throw failure('scanner', 'found character that cannot start any token', r.mark, r.mark)
  }

  // Whitespace, comments and line breaks; tabs only in flow context or where no simple key may start.
  private scanToNextToken(): void {
    const r = this.r
    for (;;) {
      // the reader drops a leading BOM without moving the mark, and libyaml's scanner skips one more at the mark's
      // start (a BOM starting a later line is text: observed with Helm 4.1.4's fromYaml)
      if (r.index === 0 && r.is('\uFEFF')) r.skip()
      for (r.skipSpaces(); (this.flowLevel > 0 || !this.simpleKeyAllowed) && r.is('\t'); r.skipSpaces()) r.skip()
      if (r.is('#')) r.readToBreak()
      if (!r.isBreak()) return
      r.skipLine()
      if (this.flowLevel === 0) this.simpleKeyAllowed = true
    }
  }

  // where the reader stood at the last staleSimpleKeys, which changes nothing until the reader moves or a key is saved
  private staleIndex = -1
  private staleLine = -1

  private staleSimpleKeys(): void {
    const r = this.r
    if (r.index === this.staleIndex && r.line === this.staleLine) return
    const keys = this.simpleKeys
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!
      if (k.possible && (k.mark.line < r.line || k.mark.index + 1024 < r.index)) {
        if (k.required) throw failure('scanner', "could not find expected ':'", r.mark, k.mark)
        k.possible = false
      }
    }
    this.staleIndex = r.index
    this.staleLine = r.line
  }

  private saveSimpleKey(): void {
    const required = this.flowLevel === 0 && this.indent === this.r.column
    if (!this.simpleKeyAllowed) return
    this.removeSimpleKey()
    this.staleIndex = -1
    this.simpleKeys[this.simpleKeys.length - 1] = {
      possible: true,
      required,
      tokenNumber: this.parsed + this.queue.length,
      mark: this.r.mark,
    }
  }

  private removeSimpleKey(): void {
    const k = this.simpleKeys[this.simpleKeys.length - 1]!
    if (k.possible && k.required) throw failure('scanner', "could not find expected ':'", this.r.mark, k.mark)
    k.possible = false
  }

  private rollIndent(column: number, tokenNumber: number, type: TokenType, mark: Mark): void {
    if (this.flowLevel > 0 || this.indent >= column) return
    this.indents.push(this.indent)
    this.indent = column
    if (this.indents.length > MAX_INDENTS)
      throw failure('scanner', `exceeded max depth of ${MAX_INDENTS}`, this.r.mark, this.simpleKeys.at(-1)?.mark)
    const token = { type, start: mark, end: mark } as Token
    if (tokenNumber < 0) this.queue.push(token)
    else this.queue.splice(tokenNumber - this.parsed, 0, token)
  }

  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return
    while (this.indent > column) {
      this.push('block-end', this.r.mark)
      this.indent = this.indents.pop()!
    }
  }

  private fetchStreamEnd(): void {
    const r = this.r
    if (r.column !== 0) {
      r.column = 0
      r.line++
    }
    this.unrollIndent(-1)
    this.removeSimpleKey()
    this.simpleKeyAllowed = false
    this.push('stream-end', r.mark)
  }

  private fetchDocumentIndicator(type: 'document-start' | 'document-end'): void {
    this.unrollIndent(-1)
    this.removeSimpleKey()
    this.simpleKeyAllowed = false
    const start = this.r.mark
    for (let i = 0; i < 3; i++) this.r.skip()
    this.push(type, start)
  }

  private fetchFlowStart(type: 'flow-sequence-start' | 'flow-mapping-start'): void {
    this.saveSimpleKey()
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: this.r.mark })
    this.flowLevel++
    if (this.flowLevel > MAX_FLOW_LEVEL)
      throw failure('scanner', `exceeded max depth of ${MAX_FLOW_LEVEL}`, this.r.mark, this.simpleKeys.at(-1)?.mark)
    this.simpleKeyAllowed = true
    const start = this.r.mark
    this.r.skip()
    this.push(type, start)
  }

  private fetchFlowEnd(type: 'flow-sequence-end' | 'flow-mapping-end'): void {
    this.removeSimpleKey()
    if (this.flowLevel > 0) {
      this.flowLevel--
      this.simpleKeys.pop()
    }
    this.simpleKeyAllowed = false
    const start = this.r.mark
    this.r.skip()
    this.push(type, start)
  }

  private fetchFlowEntry(): void {
    this.removeSimpleKey()
    this.simpleKeyAllowed = true
    const start = this.r.mark
    this.r.skip()
    this.push('flow-entry', start)
  }

  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed)
        throw failure('scanner', 'block sequence entries are not allowed in this context', this.r.mark, this.r.mark)
      this.rollIndent(this.r.column, -1, 'block-sequence-start', this.r.mark)
    }
    this.removeSimpleKey()
    this.simpleKeyAllowed = true
    const start = this.r.mark
    this.r.skip()
    this.push('block-entry', start)
  }

  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed)
        throw failure('scanner', 'mapping keys are not allowed in this context', this.r.mark, this.r.mark)
      this.rollIndent(this.r.column, -1, 'block-mapping-start', this.r.mark)
    }
    this.removeSimpleKey()
    this.simpleKeyAllowed = this.flowLevel === 0
    const start = this.r.mark
    this.r.skip()
    this.push('key', start)
  }

  private fetchValue(): void {
    const k = this.simpleKeys[this.simpleKeys.length - 1]!
    if (k.possible) {
      this.queue.splice(k.tokenNumber - this.parsed, 0, { type: 'key', start: k.mark, end: k.mark })
      this.rollIndent(k.mark.column, k.tokenNumber, 'block-mapping-start', k.mark)
      k.possible = false
      this.simpleKeyAllowed = false
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed)
          throw failure('scanner', 'mapping values are not allowed in this context', this.r.mark, this.r.mark)
        this.rollIndent(this.r.column, -1, 'block-mapping-start', this.r.mark)
      }
      this.simpleKeyAllowed = this.flowLevel === 0
    }
    const start = this.r.mark
    this.r.skip()
    this.push('value', start)
  }

  private fetchAnchor(type: 'alias' | 'anchor'): void {
    this.saveSimpleKey()
    this.simpleKeyAllowed = false
    const r = this.r
    const start = r.mark
    r.skip()
    let value = ''
    while (r.isAlpha()) value += r.read()
    if (value === '' || !(r.isBlankZ() || '?:,]}%@`'.includes(r.at())))
      throw failure('scanner', 'did not find expected alphabetic or numeric character', r.mark, start)
    this.push(type, start, { value })
  }

  private fetchTag(): void {
    this.saveSimpleKey()
    this.simpleKeyAllowed = false
    const r = this.r
    const start = r.mark
    let handle = ''
    let suffix = ''
    if (r.is('<', 1)) {
      r.skip()
      r.skip()
      suffix = this.scanTagUri('', start)
      if (!r.is('>')) throw failure('scanner', "did not find the expected '>'", r.mark, start)
      r.skip()
    } else {
      handle = this.scanTagHandle(start)
      if (handle.length > 1 && handle.endsWith('!')) suffix = this.scanTagUri('', start)
      else {
        suffix = this.scanTagUri(handle, start)
        handle = '!'
        if (suffix === '') [handle, suffix] = ['', '!']
      }
    }
    if (!r.isBlankZ()) throw failure('scanner', 'did not find expected whitespace or line break', r.mark, start)
    this.push('tag', start, { handle, suffix })
  }

  private scanTagHandle(start: Mark): string {
    const r = this.r
    if (!r.is('!')) throw failure('scanner', "did not find expected '!'", r.mark, start)
    let s = r.read()
    while (r.isAlpha()) s += r.read()
    if (r.is('!')) s += r.read()
    return s
  }

  private scanTagUri(head: string, start: Mark): string {
    const r = this.r
    let s = head.length > 1 ? head.slice(1) : ''
    while (TAG_URI.test(r.at())) {
      if (r.is('%')) {
        const bytes: number[] = []
        do {
          if (!r.is('%') || !/^[0-9A-Fa-f]{2}$/.test(r.at(1) + r.at(2)))
            throw failure('scanner', 'did not find URI escaped octet', r.mark, start)
          bytes.push(Number.parseInt(r.at(1) + r.at(2), 16))
          for (let i = 0; i < 3; i++) r.skip()
        } while ((bytes[0]! & 0xc0) === 0xc0 && bytes.length < (bytes[0]! >= 0xf0 ? 4 : bytes[0]! >= 0xe0 ? 3 : 2))
        s += Buffer.from(bytes).toString('utf8')
      } else s += r.read()
    }
    if (s === '' && head === '') throw failure('scanner', 'did not find expected tag URI', r.mark, start)
    return s
  }

  private fetchBlockScalar(literal: boolean): void {
    this.removeSimpleKey()
    this.simpleKeyAllowed = true
    const start = this.r.mark
    const value = scanBlock(this.r, literal, this.indent)
    this.push('scalar', start, { value, style: literal ? 'literal' : 'folded' })
  }

  private fetchQuoted(single: boolean): void {
    this.saveSimpleKey()
    this.simpleKeyAllowed = false
    const start = this.r.mark
    const value = scanQuoted(this.r, single)
    this.push('scalar', start, { value, style: single ? 'single' : 'double' })
  }

  private fetchPlain(): void {
    this.saveSimpleKey()
    this.simpleKeyAllowed = false
    const start = this.r.mark
    const { value, end, leadingBlanks } = scanPlain(this.r, this.indent, this.flowLevel)
    if (leadingBlanks) this.simpleKeyAllowed = true
    this.queue.push({ type: 'scalar', start, end, value, style: 'plain' })
  }

  private fetchDirective(): void {
    this.unrollIndent(-1)
    this.removeSimpleKey()
    this.simpleKeyAllowed = false
    const r = this.r
    const start = r.mark
    r.skip()
    let name = ''
    while (r.isAlpha()) name += r.read()
    if (name === '') throw failure('scanner', 'could not find expected directive name', r.mark, start)
    if (!r.isBlankZ()) throw failure('scanner', 'found unexpected non-alphabetical character', r.mark, start)
    const blanks = (): void => {
      while (r.isBlank()) r.skip()
    }
    if (name === 'YAML') {
      blanks()
      const major = this.versionNumber(start)
      if (!r.is('.')) throw failure('scanner', "did not find expected digit or '.' character", r.mark, start)
      r.skip()
      const minor = this.versionNumber(start)
      this.push('version-directive', start, { major, minor })
    } else if (name === 'TAG') {
      blanks()
      const handle = this.scanTagHandle(start)
      if (!r.isBlank()) throw failure('scanner', 'did not find expected whitespace', r.mark, start)
      blanks()
      const prefix = this.scanTagUri('', start)
      if (!r.isBlankZ()) throw failure('scanner', 'did not find expected whitespace or line break', r.mark, start)
      this.push('tag-directive', start, { handle, prefix })
    } else throw failure('scanner', 'found unknown directive name', r.mark, start)
    this.finishDirectiveLine(start)
  }

  private finishDirectiveLine(start: Mark): void {
    const r = this.r
    while (r.isBlank()) r.skip()
    if (r.is('#')) r.readToBreak()
    if (!r.isBreakZ()) throw failure('scanner', 'did not find expected comment or line break', r.mark, start)
    r.skipLine()
  }

  private versionNumber(start: Mark): number {
    const r = this.r
    let digits = ''
    while (/^[0-9]$/.test(r.at())) {
      if (digits.length >= 9) throw failure('scanner', 'found extremely long version number', r.mark, start)
      digits += r.read()
    }
    if (digits === '') throw failure('scanner', 'did not find expected version number', r.mark, start)
    return Number(digits)
  }
}

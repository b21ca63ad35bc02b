import { quote, quoteRune } from '../../go/Strconv'

/**
 * The lexer of Helm's TOML reader (BurntSushi/toml v1.6.0, which Helm 4.1.4's fromToml uses): a state machine
 * whose states decide where each error is noticed, so the texts and line numbers are Go's. Items come one at a
 * time; the states run only while none is waiting, so the reader sees an error after everything before it.
 */

export type ItemType =
  | 'error'
  | 'eof'
  | 'text'
  | 'string'
  | 'stringEsc'
  | 'rawString'
  | 'multilineString'
  | 'rawMultilineString'
  | 'bool'
  | 'integer'
  | 'float'
  | 'datetime'
  | 'array'
  | 'arrayEnd'
  | 'tableStart'
  | 'tableEnd'
  | 'arrayTableStart'
  | 'arrayTableEnd'
  | 'keyStart'
  | 'keyEnd'
  | 'commentStart'
  | 'inlineTableStart'
  | 'inlineTableEnd'

export interface Item {
  readonly type: ItemType
  readonly value: string
  /** 1-based line the item (or the error) is reported at. */
  readonly line: number
  readonly error?: string
}

type State = (lx: Lexer) => State | undefined

/** Go's `eof` rune. */
const EOF = 0
const RUNE_ERROR = 0xfffd

const isWhitespace = (r: number): boolean => r === 0x09 || r === 0x20
const isNL = (r: number): boolean => r === 0x0a || r === 0x0d
const isControl = (r: number): boolean => r !== 0x09 && r !== 0x0a && r !== 0x0d && (r <= 0x1f || r === 0x7f)
const isDigit = (r: number): boolean => r >= 0x30 && r <= 0x39
const isBinary = (r: number): boolean => r === 0x30 || r === 0x31
const isOctal = (r: number): boolean => r >= 0x30 && r <= 0x37
export const isHex = (r: number): boolean => isDigit(r) || ((r | 0x20) >= 0x61 && (r | 0x20) <= 0x66)
const isBareKeyChar = (r: number): boolean =>
  (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a) || isDigit(r) || r === 0x5f || r === 0x2d
const isLetter = (r: number): boolean => r !== EOF && /^\p{L}$/u.test(String.fromCodePoint(r))
const ch = (c: string): number => c.codePointAt(0)!

/** Go's %c of a rune. */
const runeText = (r: number): string => String.fromCodePoint(r)
const runeOrEOF = (r: number): string => (r === EOF ? 'end of file' : `'${runeText(r)}'`)

export class Lexer {
  start = 0
  pos = 0
  line = 1
  esc = false
  private state: State | undefined = lexTop
  private readonly items: Item[] = []
  private readonly widths: number[] = []
  private atEOF = false
  private readonly stack: State[] = []

  constructor(readonly input: string) {}

  nextItem(): Item {
    for (;;) {
      const it = this.items.shift()
      if (it !== undefined) return it
      // a state machine that stopped after an error or EOF is not asked again (the reader stops first)
      if (this.state === undefined) return { type: 'eof', value: '', line: this.line }
      this.state = this.state(this)
    }
  }

  push(s: State): void {
    this.stack.push(s)
  }
  pop(): State {
    const s = this.stack.pop()
    if (s === undefined) throw new Error('BUG in lexer: no states to pop')
    return s
  }
  current(): string {
    return this.input.slice(this.start, this.pos)
  }

  emit(type: ItemType): void {
    this.items.push({ type, value: this.current(), line: this.line })
    this.start = this.pos
  }
  emitTrim(type: ItemType): void {
    this.items.push({
      type,
      value: this.current().replace(/^[\t\n\v\f\r \u0085\u00a0]+|[\t\n\v\f\r \u0085\u00a0]+$/g, ''),
      line: this.line,
    })
    this.start = this.pos
  }

  next(): number {
    if (this.atEOF) throw new Error('BUG in lexer: next called after EOF')
    if (this.pos >= this.input.length) {
      this.atEOF = true
      return EOF
    }
    if (this.input.charCodeAt(this.pos) === 0x0a) this.line++
    if (this.widths.length === 4) this.widths.pop()
    const r = this.input.codePointAt(this.pos)!
    if (isControl(r) || (r === 0x0d && this.input.charCodeAt(this.pos + 1) !== 0x0a)) {
      this.widths.unshift(this.widths[0] ?? 0)
      this.errorAt(`TOML files cannot contain control characters: '0x${r.toString(16).padStart(2, '0')}'`)
      return RUNE_ERROR
    }
    const w = r > 0xffff ? 2 : 1
    this.widths.unshift(w)
    this.pos += w
    return r
  }
  ignore(): void {
    this.start = this.pos
  }
  backup(): void {
    if (this.atEOF) {
      this.atEOF = false
      return
    }
    const w = this.widths.shift()
    if (w === undefined) throw new Error('BUG in lexer: backed up too far')
    this.pos -= w
    if (this.pos < this.input.length && this.input.charCodeAt(this.pos) === 0x0a) this.line--
  }
  accept(valid: number): boolean {
    if (this.next() === valid) return true
    this.backup()
    return false
  }
  peek(): number {
    const r = this.next()
    this.backup()
    return r
  }
  skip(pred: (r: number) => boolean): void {
    for (;;) {
      const r = this.next()
      if (pred(r)) continue
      this.backup()
      this.ignore()
      return
    }
  }

  private errorAt(message: string, line = this.line): undefined {
    this.items.push({ type: 'error', value: '', line, error: message })
    return undefined
  }
  /** An error; at EOF it is reported on the line before (the item would sit on a new blank line). */
  error(message: string): undefined {
    return this.atEOF ? this.errorPrevLine(message) : this.errorAt(message)
  }
  errorPrevLine(message: string): undefined {
    return this.errorAt(message, this.line - 1)
  }
  errorf(message: string): undefined {
    if (this.atEOF)
      return this.errorAt(message, this.input.charCodeAt(this.pos - 1) === 0x0a ? this.line - 1 : this.line)
    return this.errorAt(message)
  }
}

const lexTop: State = (lx) => {
  const r = lx.next()
  if (isWhitespace(r) || isNL(r)) return lexSkip(lx, lexTop)
  switch (r) {
    case ch('#'):
      lx.push(lexTop)
      return lexCommentStart
    case ch('['):
      return lexTableStart
    case EOF:
      if (lx.pos > lx.start) return lx.errorf('unexpected EOF')
      lx.emit('eof')
      return undefined
  }
  lx.backup()
  lx.push(lexTopEnd)
  return lexKeyStart
}

const lexTopEnd: State = (lx) => {
  const r = lx.next()
  if (r === ch('#')) {
    lx.push(lexTop)
    return lexCommentStart
  }
  if (isWhitespace(r)) return lexTopEnd
  if (isNL(r)) {
    lx.ignore()
    return lexTop
  }
  if (r === EOF) {
    lx.emit('eof')
    return undefined
  }
  return lx.errorf(`expected a top-level item to end with a newline, comment, or EOF, but got ${quoteRune(r)} instead`)
}

const lexTableStart: State = (lx) => {
  if (lx.peek() === ch('[')) {
    lx.next()
    lx.emit('arrayTableStart')
    lx.push(lexArrayTableEnd)
  } else {
    lx.emit('tableStart')
    lx.push(lexTableEnd)
  }
  return lexTableNameStart
}

const lexTableEnd: State = (lx) => {
  lx.emit('tableEnd')
  return lexTopEnd
}

const lexArrayTableEnd: State = (lx) => {
  const r = lx.next()
  if (r !== ch(']')) return lx.errorf(`expected end of table array name delimiter ']', but got ${quoteRune(r)} instead`)
  lx.emit('arrayTableEnd')
  return lexTopEnd
}

const lexTableNameStart: State = (lx) => {
  lx.skip(isWhitespace)
  const r = lx.peek()
  if (r === ch(']') || r === EOF) return lx.errorf('unexpected end of table name (table names cannot be empty)')
  if (r === ch('.')) return lx.errorf('unexpected table separator (table names cannot be empty)')
  if (r === ch('"') || r === ch("'")) {
    lx.ignore()
    lx.push(lexTableNameEnd)
    return lexQuotedName
  }
  lx.push(lexTableNameEnd)
  return lexBareName
}

const lexTableNameEnd: State = (lx) => {
  lx.skip(isWhitespace)
  const r = lx.next()
  if (r === ch('.')) {
    lx.ignore()
    return lexTableNameStart
  }
  if (r === ch(']')) return lx.pop()
  return lx.errorf(`expected '.' or ']' to end table name, but got ${quoteRune(r)} instead`)
}

const lexBareName: State = (lx) => {
  if (isBareKeyChar(lx.next())) return lexBareName
  lx.backup()
  lx.emit('text')
  return lx.pop()
}

const lexQuotedName: State = (lx) => {
  const r = lx.next()
  if (r === ch('"')) {
    lx.ignore()
    return lexString
  }
  if (r === ch("'")) {
    lx.ignore()
    return lexRawString
  }
  if (isWhitespace(r)) return lexSkip(lx, lexValue)
  if (r === EOF) return lx.errorf('unexpected EOF; expected value')
  return lx.errorf(`expected value but found ${quoteRune(r)} instead`)
}

const lexKeyStart: State = (lx) => {
  lx.skip(isWhitespace)
  const r = lx.peek()
  if (r === ch('=') || r === EOF) return lx.errorf("unexpected '=': key name appears blank")
  if (r === ch('.')) return lx.errorf("unexpected '.': keys cannot start with a '.'")
  if (r === ch('"') || r === ch("'")) lx.ignore()
  lx.emit('keyStart')
  return lexKeyNameStart
}

const lexKeyNameStart: State = (lx) => {
  lx.skip(isWhitespace)
  const r = lx.peek()
  if (r === ch('"') || r === ch("'")) {
    lx.ignore()
    lx.push(lexKeyEnd)
    return lexQuotedName
  }
  if (r === ch('=') || r === EOF) return lx.errorf("unexpected '='")
  if (r === ch('.')) return lx.errorf("unexpected '.'")
  lx.push(lexKeyEnd)
  return lexBareName
}

const lexKeyEnd: State = (lx) => {
  lx.skip(isWhitespace)
  const r = lx.next()
  if (isWhitespace(r)) return lexSkip(lx, lexKeyEnd)
  if (r === EOF) return lx.errorf("unexpected EOF; expected key separator '='")
  if (r === ch('.')) {
    lx.ignore()
    return lexKeyNameStart
  }
  if (r === ch('=')) {
    lx.emit('keyEnd')
    return lexSkip(lx, lexValue)
  }
  if (r === 0x0a) return lx.errorPrevLine(`expected '.' or '=', but got ${quoteRune(r)} instead`)
  return lx.errorf(`expected '.' or '=', but got ${quoteRune(r)} instead`)
}

const lexValue: State = (lx) => {
  const r = lx.next()
  if (isWhitespace(r)) return lexSkip(lx, lexValue)
  if (isDigit(r)) {
    lx.backup()
    return lexNumberOrDateStart
  }
  switch (r) {
    case ch('['):
      lx.ignore()
      lx.emit('array')
      return lexArrayValue
    case ch('{'):
      lx.ignore()
      lx.emit('inlineTableStart')
      return lexInlineTableValue
    case ch('"'):
      if (lx.accept(ch('"'))) {
        if (lx.accept(ch('"'))) {
          lx.ignore()
          return lexMultilineString
        }
        lx.backup()
      }
      lx.ignore()
      return lexString
    case ch("'"):
      if (lx.accept(ch("'"))) {
        if (lx.accept(ch("'"))) {
          lx.ignore()
          return lexMultilineRawString
        }
        lx.backup()
      }
      lx.ignore()
      return lexRawString
    case ch('.'):
      return lx.errorf("floats must start with a digit, not '.'")
    case ch('i'):
    case ch('n'):
      if ((lx.accept(ch('n')) && lx.accept(ch('f'))) || (lx.accept(ch('a')) && lx.accept(ch('n')))) {
        lx.emit('float')
        return lx.pop()
      }
      break
    case ch('-'):
    case ch('+'):
      return lexDecimalNumberStart
  }
  if (isLetter(r)) {
    lx.backup()
    return lexBool
  }
  if (r === EOF) return lx.errorf('unexpected EOF; expected value')
  if (r === 0x0a) return lx.errorPrevLine(`expected value but found ${quoteRune(r)} instead`)
  return lx.errorf(`expected value but found ${quoteRune(r)} instead`)
}

const lexArrayValue: State = (lx) => {
  const r = lx.next()
  if (isWhitespace(r) || isNL(r)) return lexSkip(lx, lexArrayValue)
  if (r === ch('#')) {
    lx.push(lexArrayValue)
    return lexCommentStart
  }
  if (r === ch(',')) return lx.errorf('unexpected comma')
  if (r === ch(']')) return lexArrayEnd
  lx.backup()
  lx.push(lexArrayValueEnd)
  return lexValue
}

const lexArrayValueEnd: State = (lx) => {
  const r = lx.next()
  if (isWhitespace(r) || isNL(r)) return lexSkip(lx, lexArrayValueEnd)
  if (r === ch('#')) {
    lx.push(lexArrayValueEnd)
    return lexCommentStart
  }
  if (r === ch(',')) {
    lx.ignore()
    return lexArrayValue
  }
  if (r === ch(']')) return lexArrayEnd
  return lx.errorf(`expected a comma (',') or array terminator (']'), but got ${runeOrEOF(r)}`)
}

const lexArrayEnd: State = (lx) => {
  lx.ignore()
  lx.emit('arrayEnd')
  return lx.pop()
}

const lexInlineTableValue: State = (lx) => {
  const r = lx.next()
  if (isWhitespace(r) || isNL(r)) return lexSkip(lx, lexInlineTableValue)
  if (r === ch('#')) {
    lx.push(lexInlineTableValue)
    return lexCommentStart
  }
  if (r === ch(',')) return lx.errorf('unexpected comma')
  if (r === ch('}')) return lexInlineTableEnd
  lx.backup()
  lx.push(lexInlineTableValueEnd)
  return lexKeyStart
}

const lexInlineTableValueEnd: State = (lx) => {
  const r = lx.next()
  if (isWhitespace(r) || isNL(r)) return lexSkip(lx, lexInlineTableValueEnd)
  if (r === ch('#')) {
    lx.push(lexInlineTableValueEnd)
    return lexCommentStart
  }
  if (r === ch(',')) {
    lx.ignore()
    lx.skip(isWhitespace)
    return lx.peek() === ch('}') ? lexInlineTableValueEnd : lexInlineTableValue
  }
  if (r === ch('}')) return lexInlineTableEnd
  return lx.errorf(`expected a comma or an inline table terminator '}', but got ${runeOrEOF(r)} instead`)
}

const lexInlineTableEnd: State = (lx) => {
  lx.ignore()
  lx.emit('inlineTableEnd')
  return lx.pop()
}

const lexString: State = (lx) => {
  const r = lx.next()
  if (r === EOF) return lx.errorf(`unexpected EOF; expected '"'`)
  if (isNL(r)) return lx.errorPrevLine('strings cannot contain newlines')
  if (r === ch('\\')) {
    lx.push(lexString)
    return lexStringEscape
  }
  if (r === ch('"')) {
    lx.backup()
    lx.emit(lx.esc ? 'stringEsc' : 'string')
    lx.esc = false
    lx.next()
    lx.ignore()
    return lx.pop()
  }
  return lexString
}

const lexMultilineString: State = (lx) => {
  const r = lx.next()
  if (r === EOF) return lx.errorf(`unexpected EOF; expected '"""'`)
  if (r === ch('\\')) return lexMultilineStringEscape
  if (r === ch('"') && lx.accept(ch('"'))) {
    if (lx.accept(ch('"'))) {
      if (lx.peek() === ch('"')) {
        const c = lx.current()
        if (c.endsWith('"""""') && !c.endsWith('\\"""""')) return lx.errorf(`unexpected '""""""'`)
        lx.backup()
        lx.backup()
        return lexMultilineString
      }
      lx.backup()
      lx.backup()
      lx.backup()
      lx.esc = false
      lx.emit('multilineString')
      lx.next()
      lx.next()
      lx.next()
      lx.ignore()
      return lx.pop()
    }
    lx.backup()
  }
  return lexMultilineString
}

const lexRawString: State = (lx) => {
  const r = lx.next()
  if (r === EOF) return lx.errorf(`unexpected EOF; expected "'"`)
  if (isNL(r)) return lx.errorPrevLine('strings cannot contain newlines')
  if (r === ch("'")) {
    lx.backup()
    lx.emit('rawString')
    lx.next()
    lx.ignore()
    return lx.pop()
  }
  return lexRawString
}

const lexMultilineRawString: State = (lx) => {
  const r = lx.next()
  if (r === EOF) return lx.errorf(`unexpected EOF; expected "'''"`)
  if (r === ch("'") && lx.accept(ch("'"))) {
    if (lx.accept(ch("'"))) {
      if (lx.peek() === ch("'")) {
        if (lx.current().endsWith("'''''")) return lx.errorf(`unexpected "''''''"`)
        lx.backup()
        lx.backup()
        return lexMultilineRawString
      }
      lx.backup()
      lx.backup()
      lx.backup()
      lx.emit('rawMultilineString')
      lx.next()
      lx.next()
      lx.next()
      lx.ignore()
      return lx.pop()
    }
    lx.backup()
  }
  return lexMultilineRawString
}

const lexMultilineStringEscape: State = (lx) => {
  if (isNL(lx.next())) return lexMultilineString
  lx.backup()
  lx.push(lexMultilineString)
  return lexStringEscape(lx)
}

const lexStringEscape: State = (lx) => {
  lx.esc = true
  const r = lx.next()
  if ('ebtnfr" \t\\'.includes(String.fromCodePoint(r)) && r !== EOF) return lx.pop()
  if (r === ch('x')) return lexHexDigits(2, 'two', 'x')
  if (r === ch('u')) return lexHexDigits(4, 'four', 'u')
  if (r === ch('U')) return lexHexDigits(8, 'eight', 'U')
  return lx.error(`invalid escape in string '\\${runeText(r)}'`)
}

const lexHexDigits =
  (n: number, word: string, letter: string): State =>
  (lx) => {
    for (let i = 0; i < n; i++)
      if (!isHex(lx.next()))
        return lx.errorf(
          `expected ${word} hexadecimal digits after '\\${letter}', but got ${quote(lx.current())} instead`,
        )
    return lx.pop()
  }

const lexNumberOrDateStart: State = (lx) => (lx.next() === ch('0') ? lexBaseNumberOrDate : lexNumberOrDate)

const lexNumberOrDate: State = (lx) => {
  const r = lx.next()
  if (isDigit(r)) return lexNumberOrDate
  if (r === ch('-') || r === ch(':')) return lexDatetime
  if (r === ch('_')) return lexDecimalNumber
  if (r === ch('.') || r === ch('e') || r === ch('E')) return lexFloat
  lx.backup()
  lx.emit('integer')
  return lx.pop()
}

const lexDatetime: State = (lx) => {
  const r = lx.next()
  if (isDigit(r) || '-:Tt .Zz+'.includes(String.fromCodePoint(r))) return r === EOF ? end(lx) : lexDatetime
  return end(lx)
}
const end = (lx: Lexer): State => {
  lx.backup()
  lx.emitTrim('datetime')
  return lx.pop()
}

const lexDigits =
  (accept: (r: number) => boolean): State =>
  (lx) => {
    const r = lx.next()
    if (accept(r) || r === ch('_')) return lexDigits(accept)
    lx.backup()
    lx.emit('integer')
    return lx.pop()
  }
const lexHexInteger = lexDigits(isHex)
const lexOctalInteger = lexDigits(isOctal)
const lexBinaryInteger = lexDigits(isBinary)

const lexDecimalNumber: State = (lx) => {
  const r = lx.next()
  if (isDigit(r) || r === ch('_')) return lexDecimalNumber
  if (r === ch('.') || r === ch('e') || r === ch('E')) return lexFloat
  lx.backup()
  lx.emit('integer')
  return lx.pop()
}

const lexDecimalNumberStart: State = (lx) => {
  const r = lx.next()
  if (r === ch('i') || r === ch('n')) {
    const [a, b] = r === ch('i') ? ['n', 'f'] : ['a', 'n']
    if (!lx.accept(ch(a)) || !lx.accept(ch(b))) return lx.errorf(`invalid float: '${lx.current()}'`)
    lx.emit('float')
    return lx.pop()
  }
  if (r === ch('0')) {
    const p = lx.peek()
    if (p === ch('b') || p === ch('o') || p === ch('x'))
      return lx.errorf(`cannot use sign with non-decimal numbers: '${lx.current()}${runeText(p)}'`)
  }
  if (r === ch('.')) return lx.errorf("floats must start with a digit, not '.'")
  if (isDigit(r)) return lexDecimalNumber
  return lx.errorf(`expected a digit but got ${quoteRune(r)}`)
}

const lexBaseNumberOrDate: State = (lx) => {
  const r = lx.next()
  if (isDigit(r)) return lexNumberOrDate
  if (r === ch('_')) return lexDecimalNumber
  if (r === ch('.') || r === ch('e') || r === ch('E')) return lexFloat
  // Go reports a missing digit and lexes on (the reader stops at the error)
  const based = (ok: (c: number) => boolean, what: string, next: State): State => {
    const p = lx.peek()
    if (!ok(p)) lx.errorf(`not ${what} number: '${lx.current()}${runeText(p)}'`)
    return next
  }
  if (r === ch('b')) return based(isBinary, 'a binary', lexBinaryInteger)
  if (r === ch('o')) return based(isOctal, 'an octal', lexOctalInteger)
  if (r === ch('x')) return based(isHex, 'a hexadecimal', lexHexInteger)
  lx.backup()
  lx.emit('integer')
  return lx.pop()
}

const lexFloat: State = (lx) => {
  const r = lx.next()
  if (isDigit(r) || '_.-+eE'.includes(String.fromCodePoint(r))) return r === EOF ? floatEnd(lx) : lexFloat
  return floatEnd(lx)
}
const floatEnd = (lx: Lexer): State => {
  lx.backup()
  lx.emit('float')
  return lx.pop()
}

const lexBool: State = (lx) => {
  let s = ''
  for (;;) {
    const r = lx.next()
    if (!isLetter(r)) {
      lx.backup()
      break
    }
    s += runeText(r)
  }
  if (s === 'true' || s === 'false') {
    lx.emit('bool')
    return lx.pop()
  }
  return lx.errorf(`expected value but found ${quote(s)} instead`)
}

const lexCommentStart: State = (lx) => {
  lx.ignore()
  lx.emit('commentStart')
  return lexComment
}

const lexComment: State = (lx) => {
  const r = lx.next()
  if (isNL(r) || r === EOF) {
    lx.backup()
    lx.emit('text')
    return lx.pop()
  }
  return lexComment
}

const lexSkip = (lx: Lexer, next: State): State => {
  lx.ignore()
  return next
}

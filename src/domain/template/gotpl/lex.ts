/**
 * The lexer of Go's text/template: turns a template text into items (text, delimiters, fields,
 * identifiers, literals, keywords...), handling `{{- ` / ` -}}` trim markers and comments (slash-star ... star-slash touching the delimiters).
 * Lexing is eager (one array); a lexical error becomes an `error` item followed by nothing.
 */

export type ItemType =
  | 'error'
  | 'bool'
  | 'char'
  | 'charConstant'
  | 'complex'
  | 'comment'
  | 'assign'
  | 'declare'
  | 'eof'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  | 'block'
  | 'break'
  | 'continue'
  | 'dot'
  | 'define'
  | 'else'
  | 'end'
  | 'if'
  | 'nil'
  | 'range'
  | 'template'
  | 'with'

/** One lexical item: its type, byte-position-in-JS-units, source text and 1-based line. */
export interface Item {
  readonly type: ItemType
  readonly pos: number
  readonly val: string
  readonly line: number
}

const KEYWORDS: Readonly<Record<string, ItemType>> = Object.assign(Object.create(null) as Record<string, ItemType>, {
  '.': 'dot',
  block: 'block',
  break: 'break',
  continue: 'continue',
  define: 'define',
  else: 'else',
  end: 'end',
  if: 'if',
  range: 'range',
  nil: 'nil',
  template: 'template',
  with: 'with',
})

const LEFT = '{{'
const RIGHT = '}}'
const NO_DELIM = 0
const DELIM = 1
const TRIM_DELIM = 2
const LEFT_COMMENT = '/*'
const RIGHT_COMMENT = '*/'

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 13 || c === 10
const isDigit = (c: number): boolean => c >= 48 && c <= 57
// Made on first non-ASCII identifier character: creating a Unicode-property regexp costs ~0.25 ms at every start.
let letter: RegExp | undefined
const isAlphaNumeric = (c: number): boolean =>
  c === 95 ||
  (c >= 97 && c <= 122) ||
  (c >= 65 && c <= 90) ||
  isDigit(c) ||
  (c >= 0x80 && (letter ??= /^[\p{L}\p{Nd}]$/u).test(String.fromCharCode(c)))

/** A digit of `base` or `_` (Go's lexer accepts underscores in number literals; the parser judges them). */
const digitOf = (c: number, base: number): boolean =>
  c === 95 ||
  (base === 16 ? (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) : c >= 48 && c < 48 + base)

const hasLeftTrim = (s: string, i: number): boolean => s.charCodeAt(i) === 45 && isSpace(s.charCodeAt(i + 1))
const hasRightTrim = (s: string, i: number): boolean => isSpace(s.charCodeAt(i)) && s.charCodeAt(i + 1) === 45

// runs read natively (lexing runs cold in a one-shot process, where a per-character loop costs many times a scan)
const ASCII_WORD = /[A-Za-z0-9_]*/y
const SPACES = /[ \t\r\n]*/y
const DOUBLE_RUN = /(?:[^"\\\n]|\\[^\n])*/y
const SINGLE_RUN = /(?:[^'\\\n]|\\[^\n])*/y

/** Where the run of alphanumerics (Go's isAlphaNumeric) starting at `i` ends. */
const wordEnd = (s: string, i: number): number => {
  ASCII_WORD.lastIndex = i
  ASCII_WORD.test(s)
  let e = ASCII_WORD.lastIndex
  while (e < s.length && isAlphaNumeric(s.charCodeAt(e))) e++
  return e
}

/** Where the run of spaces (Go's isSpace) starting at `i` ends. */
const spacesEnd = (s: string, i: number): number => {
  SPACES.lastIndex = i
  SPACES.test(s)
  return SPACES.lastIndex
}

/** Lexes a whole template text. `breakOK`/`continueOK` are false when a function of that name exists. */
export const lex = (
  input: string,
  opts: { breakOK: boolean; continueOK: boolean } = { breakOK: true, continueOK: true },
): Item[] => {
  const items: Item[] = []
  const n = input.length
  let start = 0
  let pos = 0
  let line = 1
  let lineAt = 0
  let parenDepth = 0
  // line number at position p (positions only move forward while emitting)
  // the first newline at or after lineAt (n when none): most items end before it, and then need no scan
  let nextNl = -1
  const lineOf = (p: number): number => {
    // newline to newline (indexOf), not character by character: template texts run to megabytes of plain text
    while (lineAt < p) {
      if (nextNl < lineAt) {
        nextNl = input.indexOf('\n', lineAt)
        if (nextNl < 0) nextNl = n
      }
      if (nextNl >= p) lineAt = p
      else {
        line++
        lineAt = nextNl + 1
      }
    }
    return line
  }
  const emit = (type: ItemType): void => {
    items.push({ type, pos: start, val: input.slice(start, pos), line: lineOf(start) })
    start = pos
  }
  const fail = (msg: string): void => {
    items.push({ type: 'error', pos: start, val: msg, line: lineOf(start) })
  }
  // NO_DELIM, DELIM or TRIM_DELIM (` -}}`): a number, not an object, as it is asked at every token of an action
  const atRightDelim = (): number => {
    if (hasRightTrim(input, pos) && input.startsWith(RIGHT, pos + 2)) return TRIM_DELIM
    if (input.startsWith(RIGHT, pos)) return DELIM
    return NO_DELIM
  }
  const skipSpaces = (): void => {
    pos = spacesEnd(input, pos)
  }
  const atTerminator = (): boolean => {
    if (pos >= n) return true
    const c = input.charCodeAt(pos)
    if (isSpace(c) || c === 46 || c === 44 || c === 124 || c === 58 || c === 41 || c === 40) return true
    return input.startsWith(RIGHT, pos)
  }
  const badChar = (): string => {
    const cp = pos < n ? input.codePointAt(pos)! : -1
    return cp < 0 ? 'bad character U+FFFFFFFF' : `bad character ${unicodeName(cp)}`
  }
  const quoted = (close: number, what: string, allowNewline: boolean): boolean => {
    // the common cases as one native scan each: a raw string up to its backquote, a quoted one without a
    // newline (an escape takes the next character); what they do not end is judged character by character
    if (allowNewline) {
      const e = input.indexOf('`', pos)
      if (e >= 0 && close === 96) {
        pos = e + 1
        return true
      }
    } else {
      const run = close === 34 ? DOUBLE_RUN : SINGLE_RUN
      run.lastIndex = pos
      run.test(input)
      if (input.charCodeAt(run.lastIndex) === close) {
        pos = run.lastIndex + 1
        return true
      }
    }
    for (;;) {
      if (pos >= n) {
        fail(`unterminated ${what}`)
        return false
      }
      const c = input.charCodeAt(pos++)
      if (c === 92 && !allowNewline) {
        if (pos >= n || input.charCodeAt(pos) === 10) {
          fail(`unterminated ${what}`)
          return false
        }
        pos++
      } else if (c === 10 && !allowNewline) {
        fail(`unterminated ${what}`)
        return false
      } else if (c === close) return true
    }
  }
  const scanNumber = (): boolean => {
    // Go's lexer: accept one of a set of characters, or a run of them (compared as code units)
    const accept = (a: number, b = a): boolean => {
      const c = input.charCodeAt(pos)
      if (c === a || c === b) {
        pos++
        return true
      }
      return false
    }
    const acceptDigits = (base: number): void => {
      while (pos < n && digitOf(input.charCodeAt(pos), base)) pos++
    }
    accept(43, 45) // + -
    let base = 10
    if (accept(48)) {
      if (accept(120, 88))
        base = 16 // x X
      else if (accept(111, 79))
        base = 8 // o O
      else if (accept(98, 66)) base = 2 // b B
    }
    acceptDigits(base)
    if (accept(46)) acceptDigits(base) // .
    if (base === 10 && accept(101, 69)) {
      // e E
      accept(43, 45)
      acceptDigits(10)
    }
    if (base === 16 && accept(112, 80)) {
      // p P
      accept(43, 45)
      acceptDigits(10)
    }
    accept(105) // i
    if (pos < n && isAlphaNumeric(input.charCodeAt(pos))) {
      pos++
      return false
    }
    return true
  }

  // inside: false = lexing text, true = inside an action
  let inside = false
  for (;;) {
    if (!inside) {
      const x = input.indexOf(LEFT, pos)
      if (x < 0) {
        pos = n
        if (pos > start) emit('text')
        emit('eof')
        return items
      }
      if (x > pos) {
        pos = x
        let trimLength = 0
        if (hasLeftTrim(input, x + LEFT.length)) {
          let j = x
          while (j > start && isSpace(input.charCodeAt(j - 1))) j--
          trimLength = x - j
        }
        pos -= trimLength
        if (pos > start) emit('text')
        pos += trimLength
        start = pos
      }
      // left delimiter
      pos += LEFT.length
      const trim = hasLeftTrim(input, pos)
      const after = trim ? 2 : 0
      if (input.startsWith(LEFT_COMMENT, pos + after)) {
        pos += after
        start = pos
        pos += LEFT_COMMENT.length
        const e = input.indexOf(RIGHT_COMMENT, pos)
        if (e < 0) {
          fail('unclosed comment')
          return items
        }
        pos = e + RIGHT_COMMENT.length
        const r = atRightDelim()
        if (r === NO_DELIM) {
          fail('comment ends before closing delimiter')
          return items
        }
        if (r === TRIM_DELIM) pos += 2
        pos += RIGHT.length
        if (r === TRIM_DELIM) skipSpaces()
        start = pos
        continue
      }
      emit('leftDelim')
      pos += after
      start = pos
      parenDepth = 0
      inside = true
      continue
    }
    const r = atRightDelim()
    if (r !== NO_DELIM) {
      if (parenDepth !== 0) {
        fail('unclosed left paren')
        return items
      }
      if (r === TRIM_DELIM) pos += 2
      start = pos
      pos += RIGHT.length
      emit('rightDelim')
      if (r === TRIM_DELIM) skipSpaces()
      start = pos
      inside = false
      continue
    }
    if (pos >= n) {
      fail('unclosed action')
      return items
    }
    const c = input.charCodeAt(pos)
    if (isSpace(c)) {
      const spaces = spacesEnd(input, pos) - pos
      pos += spaces
      if (hasRightTrim(input, pos - 1) && input.startsWith(RIGHT, pos + 1)) {
        pos--
        if (spaces === 1) continue
      }
      emit('space')
      continue
    }
    pos++
    switch (c) {
      case 61: // =
        emit('assign')
        continue
      case 58: // :
        if (input.charCodeAt(pos) !== 61) {
          fail('expected :=')
          return items
        }
        pos++
        emit('declare')
        continue
      case 124: // |
        emit('pipe')
        continue
      case 34: // "
        if (!quoted(34, 'quoted string', false)) return items
        emit('string')
        continue
      case 96: // `
        if (!quoted(96, 'raw quoted string', true)) return items
        emit('rawString')
        continue
      case 39: // '
        if (!quoted(39, 'character constant', false)) return items
        emit('charConstant')
        continue
      case 36: // $
      case 46: {
        // .
        if (c === 46 && pos < n && isDigit(input.charCodeAt(pos))) break
        if (atTerminator()) {
          emit(c === 36 ? 'variable' : 'dot')
          continue
        }
        pos = wordEnd(input, pos)
        if (!atTerminator()) {
          fail(badChar())
          return items
        }
        emit(c === 36 ? 'variable' : 'field')
        continue
      }
      case 40: // (
        parenDepth++
        emit('leftParen')
        continue
      case 41: // )
        parenDepth--
        if (parenDepth < 0) {
          fail('unexpected right paren')
          return items
        }
        emit('rightParen')
        continue
    }
    if (c === 46 || c === 43 || c === 45 || isDigit(c)) {
      pos--
      if (!scanNumber()) {
        fail(`bad number syntax: ${JSON.stringify(input.slice(start, pos))}`)
        return items
      }
      const s = input.charCodeAt(pos)
      if (s === 43 || s === 45) {
        // Complex: 1+2i. No spaces, must end in 'i'.
        if (!scanNumber() || input[pos - 1] !== 'i') {
          fail(`bad number syntax: ${JSON.stringify(input.slice(start, pos))}`)
          return items
        }
        emit('complex')
        continue
      }
      emit('number')
      continue
    }
    if (isAlphaNumeric(c)) {
      pos = wordEnd(input, pos)
      const word = input.slice(start, pos)
      if (!atTerminator()) {
        fail(badChar())
        return items
      }
      const kw = KEYWORDS[word]
      if (kw !== undefined && kw !== 'dot') {
        if ((kw === 'break' && !opts.breakOK) || (kw === 'continue' && !opts.continueOK)) emit('identifier')
        else emit(kw)
      } else if (word === 'true' || word === 'false') emit('bool')
      else emit('identifier')
      continue
    }
    if (c < 0x80 && c >= 0x20 && c < 0x7f) {
      emit('char')
      continue
    }
    pos--
    fail(`unrecognized character in action: ${unicodeName(input.codePointAt(pos)!)}`)
    return items
  }
}

/** Go's `%#U` of a rune: `U+0023 '#'`. */
const unicodeName = (cp: number): string => {
  const hex = cp.toString(16).toUpperCase().padStart(4, '0')
  return cp >= 0x20 && cp !== 0x7f && !(cp >= 0x80 && cp < 0xa0) ? `U+${hex} '${String.fromCodePoint(cp)}'` : `U+${hex}`
}

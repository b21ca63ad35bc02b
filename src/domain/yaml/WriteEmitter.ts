import { isYamlBreak, isYamlPrintable, type ScalarStyle, stringStyle } from './WriteScalar'
import { charge } from '../go/Budget'

const BEST_WIDTH = 80

/**
 * The writing half of yaml.v2's emitter for block-style output: column, indention and whitespace state,
 * indicators, indentation, and the four scalar styles with yaml.v2's folding past column 80 (none when `pretty`,
 * as yaml.v3 writes for toYamlPretty).
 */
export class ScalarWriter {
  readonly width: number
  constructor(readonly pretty = false) {
    this.width = pretty ? Infinity : BEST_WIDTH
  }
  out = ''
  column = 0
  whitespace = true
  indention = true

  put(s: string): void {
    charge(32 + s.length) // a running render pays for what its serialisers write
    this.out += s
    this.column += s.length
  }

  putBreak(): void {
    charge(33)
    this.out += '\n'
    this.column = 0
  }

  indicator(ind: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ')
    this.put(ind)
    this.whitespace = isWhitespace
    this.indention = this.indention && isIndention
  }

  writeIndent(indent: number): void {
    const ind = Math.max(indent, 0)
    if (!this.indention || this.column > ind || (this.column === ind && !this.whitespace)) this.putBreak()
    if (this.column < ind) this.put(' '.repeat(ind - this.column))
    this.whitespace = true
    this.indention = true
  }

  plain(text: string): void {
    if (!this.whitespace) this.put(' ')
    this.put(text)
    this.whitespace = false
    this.indention = false
  }

  string(s: string, parentIndent: number, simpleKey: boolean): void {
    this.scalar(s, stringStyle(s, simpleKey, this.pretty).style, parentIndent, simpleKey)
  }

  scalar(s: string, style: ScalarStyle, parentIndent: number, simpleKey: boolean): void {
    // yaml.v2 increases the indent for the scalar itself: continuation lines go two columns deeper
    const indent = parentIndent < 0 ? 2 : parentIndent + 2
    const breaks = !simpleKey
    switch (style) {
      case 'plain':
        return this.writePlain(s, indent, breaks)
      case 'single':
        return this.writeSingle(s, indent, breaks)
      case 'double':
        return this.writeDouble(s, indent, breaks)
      case 'literal':
        return this.writeLiteral(s, indent)
    }
  }

  writePlain(s: string, indent: number, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ')
    if (!allowBreaks || s.length + this.column <= this.width || !s.includes(' ')) this.put(s)
    else {
      let spaces = false
      for (let i = 0; i < s.length; i++) {
        const c = s[i]
        if (c === ' ') {
          if (!spaces && this.column > this.width && s[i + 1] !== ' ') this.writeIndent(indent)
          else this.put(c)
          spaces = true
        } else {
          this.put(c)
          this.indention = false
          spaces = false
        }
      }
    }
    this.whitespace = false
    this.indention = false
  }

  writeSingle(s: string, indent: number, allowBreaks: boolean): void {
    this.indicator("'", true, false, false)
    let spaces = false
    let breaks = false
    for (let i = 0; i < s.length; i++) {
      const c = s[i]
      const cp = c.charCodeAt(0)
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > this.width && i > 0 && i < s.length - 1 && s[i + 1] !== ' ')
          this.writeIndent(indent)
        else this.put(c)
        spaces = true
      } else if (isYamlBreak(cp)) {
        if (!breaks && c === '\n') this.putBreak()
        this.writeBreak(c)
        this.indention = true
        breaks = true
      } else {
        if (breaks) this.writeIndent(indent)
        this.put(c === "'" ? "''" : c)
        this.indention = false
        spaces = false
        breaks = false
      }
    }
    this.indicator("'", false, false, false)
    this.whitespace = false
    this.indention = false
  }

  writeBreak(c: string): void {
    if (c === '\n') this.putBreak()
    else {
      charge(32 + c.length)
      this.out += c
      this.column = 0
    }
  }

  writeDouble(s: string, indent: number, allowBreaks: boolean): void {
    let spaces = false
    this.indicator('"', true, false, false)
    for (let i = 0; i < s.length; i++) {
      let cp = s.charCodeAt(i)
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length) {
        const lo = s.charCodeAt(i + 1)
        if (lo >= 0xdc00 && lo <= 0xdfff) cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00)
      }
      if (!isYamlPrintable(cp) || cp === 0xfeff || isYamlBreak(cp) || cp === 0x22 || cp === 0x5c) {
        if (cp > 0xffff) i++
        this.put('\\' + doubleEscape(cp))
        spaces = false
      } else if (cp === 0x20) {
        if (allowBreaks && !spaces && this.column > this.width && i > 0 && i < s.length - 1) {
          this.writeIndent(indent)
          if (s[i + 1] === ' ') this.put('\\')
        } else this.put(' ')
        spaces = true
      } else {
        this.put(s[i])
        spaces = false
      }
    }
    this.indicator('"', false, false, false)
    this.whitespace = false
    this.indention = false
  }

  writeLiteral(s: string, indent: number): void {
    this.indicator('|', true, false, false)
    const first = s.charCodeAt(0)
    if (first === 0x20 || isYamlBreak(first)) this.put('2')
    const last = s.charCodeAt(s.length - 1)
    if (!isYamlBreak(last)) this.put('-')
    else if (s.length === 1 || isYamlBreak(s.charCodeAt(s.length - 2))) this.put('+')
    this.putBreak()
    this.indention = true
    this.whitespace = true
    let breaks = true
    for (let i = 0; i < s.length; i++) {
      const c = s[i]
      if (isYamlBreak(c.charCodeAt(0))) {
        this.writeBreak(c)
        this.indention = true
        breaks = true
      } else {
        if (breaks) this.writeIndent(indent)
        this.put(c)
        this.indention = false
        breaks = false
      }
    }
  }
}

const ESCAPES: Record<number, string> = {
  0: '0',
  7: 'a',
  8: 'b',
  9: 't',
  10: 'n',
  11: 'v',
  12: 'f',
  13: 'r',
  27: 'e',
  34: '"',
  92: '\\',
  133: 'N',
  160: '_',
  8232: 'L',
  8233: 'P',
}

const doubleEscape = (cp: number): string => {
  const e = ESCAPES[cp]
  if (e !== undefined) return e
  const hex = cp.toString(16).toUpperCase()
  return cp <= 0xff
    ? 'x' + hex.padStart(2, '0')
    : cp <= 0xffff
      ? 'u' + hex.padStart(4, '0')
      : 'U' + hex.padStart(8, '0')
}

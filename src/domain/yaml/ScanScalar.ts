/**
 * The scalar scanners of the YAML reader, with libyaml's rules: plain scalars end at `: `, ` #` and (in flow
 * context) `,[]{}`, fold their lines, and need block indentation only outside flow collections; quoted scalars
 * continue at any indentation; block scalars find their indentation from the first non-empty line.
 */
import { failure, type Mark, type Reader } from './Reader'

const HEX = /^[0-9A-Fa-f]$/

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\x08',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\x0b',
  f: '\x0c',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  "'": "'",
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
}
const CODE_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 }

/** `---` or `...` at the start of a line, followed by a blank or the end. */
export const atDocumentIndicator = (r: Reader): boolean =>
  r.column === 0 &&
  ((r.is('-') && r.is('-', 1) && r.is('-', 2)) || (r.is('.') && r.is('.', 1) && r.is('.', 2))) &&
  r.isBlankZ(3)

/** Joins the whitespace between two parts of a flow or plain scalar: one line break folds to a space. */
const join = (leadingBreak: string, trailingBreaks: string): string =>
  leadingBreak.startsWith('\n') ? (trailingBreaks === '' ? ' ' : trailingBreaks) : leadingBreak + trailingBreaks

/** A single- or double-quoted scalar (the reader stands on the quote). */
export const scanQuoted = (r: Reader, single: boolean): string => {
  const start = r.mark
  r.skip()
  let s = ''
  for (;;) {
    if (atDocumentIndicator(r)) throw failure('scanner', 'found unexpected document indicator', r.mark, start)
    if (r.isZ()) throw failure('scanner', 'found unexpected end of stream', r.mark, start)
    let leadingBlanks = false
    while (!r.isBlankZ()) {
      if (single && r.is("'") && r.is("'", 1)) {
        s += "'"
        r.skip()
        r.skip()
      } else if (r.is(single ? "'" : '"')) break
      else if (!single && r.is('\\') && r.isBreak(1)) {
        r.skip()
        r.skipLine()
        leadingBlanks = true
        break
      } else if (!single && r.is('\\')) {
        const e = r.at(1)
        const length = CODE_LENGTH[e] ?? 0
        if (length === 0 && ESCAPES[e] === undefined)
          throw failure('scanner', 'found unknown escape character', r.mark, start)
        r.skip()
        r.skip()
        if (length === 0) s += ESCAPES[e]
        else {
          let value = 0
          for (let k = 0; k < length; k++) {
            if (!HEX.test(r.at(k))) throw failure('scanner', 'did not find expected hexdecimal number', r.mark, start)
            value = value * 16 + Number.parseInt(r.at(k), 16)
          }
          if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff)
            throw failure('scanner', 'found invalid Unicode character escape code', r.mark, start)
          s += String.fromCodePoint(value)
          for (let k = 0; k < length; k++) r.skip()
        }
      } else s += r.readQuotedRun(single)
    }
    if (r.is(single ? "'" : '"')) break
    let whitespaces = ''
    let leadingBreak = ''
    let trailingBreaks = ''
    while (r.isBlank() || r.isBreak()) {
      if (r.isBlank()) {
        const blanks = r.readBlanks()
        if (!leadingBlanks) whitespaces += blanks
      } else if (!leadingBlanks) {
        whitespaces = ''
        leadingBreak = r.readLine()
        leadingBlanks = true
      } else trailingBreaks += r.readLine()
    }
    s += leadingBlanks ? join(leadingBreak, trailingBreaks) : whitespaces
  }
  r.skip()
  return s
}

/**
 * A plain scalar. `indent` is the scanner's current indentation; returns the text and whether it ended after
 * a line break (the scanner then allows a simple key again).
 */
export const scanPlain = (
  r: Reader,
  indent: number,
  flowLevel: number,
): { readonly value: string; readonly end: Mark; readonly leadingBlanks: boolean } => {
  const start = r.mark
  let end = r.mark
  let s = ''
  let leadingBlanks = false
  let whitespaces = ''
  let leadingBreak = ''
  let trailingBreaks = ''
  const minIndent = indent + 1
  for (;;) {
    if (atDocumentIndicator(r)) break
    if (r.is('#')) break
    while (!r.isBlankZ()) {
      if (
        (r.is(':') && r.isBlankZ(1)) ||
        (flowLevel > 0 && (r.is(',') || r.is('?') || r.is('[') || r.is(']') || r.is('{') || r.is('}')))
      )
        break
      if (leadingBlanks || whitespaces !== '') {
        if (leadingBlanks) {
          s += join(leadingBreak, trailingBreaks)
          leadingBreak = ''
          trailingBreaks = ''
          leadingBlanks = false
        } else {
          s += whitespaces
          whitespaces = ''
        }
      }
      s += r.readPlainRun(flowLevel > 0)
      end = r.mark
    }
    if (!(r.isBlank() || r.isBreak())) break
    while (r.isBlank() || r.isBreak()) {
      if (r.isBlank()) {
        if (!leadingBlanks) whitespaces += r.readBlanks()
        else {
          r.skipSpaces()
          if (r.is('\t')) {
            if (r.column < minIndent)
              throw failure('scanner', 'found a tab character that violates indentation', r.mark, start)
            r.skip()
          }
        }
      } else if (!leadingBlanks) {
        whitespaces = ''
        leadingBreak = r.readLine()
        leadingBlanks = true
      } else trailingBreaks += r.readLine()
    }
    if (flowLevel === 0 && r.column < minIndent) break
  }
  return { value: s, end, leadingBlanks }
}

/** Eats the indentation and empty lines before block scalar content; fixes `indent` when it was 0 (auto). */
const blockBreaks = (
  r: Reader,
  state: { indent: number; breaks: string },
  scannerIndent: number,
  start: Mark,
): void => {
  let maxIndent = 0
  for (;;) {
    r.skipSpaces(state.indent === 0 ? Number.POSITIVE_INFINITY : state.indent)
    if (r.column > maxIndent) maxIndent = r.column
    if ((state.indent === 0 || r.column < state.indent) && r.is('\t'))
      throw failure('scanner', 'found a tab character where an indentation space is expected', r.mark, start)
    if (!r.isBreak()) break
    state.breaks += r.readLine()
  }
  if (state.indent === 0) state.indent = Math.max(maxIndent, scannerIndent + 1, 1)
}

/** A literal (`|`) or folded (`>`) block scalar with its chomping and indentation indicators. */
export const scanBlock = (r: Reader, literal: boolean, scannerIndent: number): string => {
  const start = r.mark
  r.skip()
  let chomping = 0
  let increment = 0
  const digit = (): void => {
    if (r.is('0')) throw failure('scanner', 'found an indentation indicator equal to 0', r.mark, start)
    increment = Number(r.at())
    r.skip()
  }
  if (r.is('+') || r.is('-')) {
    chomping = r.is('+') ? 1 : -1
    r.skip()
    if (/^[0-9]$/.test(r.at())) digit()
  } else if (/^[0-9]$/.test(r.at())) {
    digit()
    if (r.is('+') || r.is('-')) {
      chomping = r.is('+') ? 1 : -1
      r.skip()
    }
  }
  while (r.isBlank()) r.skip()
  if (r.is('#')) r.readToBreak()
  if (!r.isBreakZ()) throw failure('scanner', 'did not find expected comment or line break', r.mark, start)
  if (r.isBreak()) r.skipLine()
  const state = { indent: increment > 0 ? (scannerIndent >= 0 ? scannerIndent + increment : increment) : 0, breaks: '' }
  blockBreaks(r, state, scannerIndent, start)
  let s = ''
  let leadingBreak = ''
  let leadingBlank = false
  while (r.column === state.indent && !r.isZ()) {
    const trailingBlank = r.isBlank()
    if (!literal && leadingBreak.startsWith('\n') && !leadingBlank && !trailingBlank) {
      if (state.breaks === '') s += ' '
    } else s += leadingBreak
    leadingBreak = ''
    s += state.breaks
    state.breaks = ''
    leadingBlank = r.isBlank()
    s += r.readToBreak()
    leadingBreak = r.readLine()
    blockBreaks(r, state, scannerIndent, start)
  }
  if (chomping !== -1) s += leadingBreak
  if (chomping === 1) s += state.breaks
  return s
}

/**
 * A line-by-line reading of the plain block YAML most rendered manifests are written in: mappings and
 * sequences by indentation, keys on one line, plain and quoted scalars (over several lines too), `{}`, `[]`,
 * one-line flow sequences of simple scalars, block scalars, comments.
 * It answers only for documents it can judge entirely by lines and that yaml.v2 accepts (and then with the
 * top-level entries a reader wants, read by the full reader from those entries' own lines); anything else — a
 * flow collection, an escape, an anchor, a tag, a tab, a line break other than LF, a character the reader refuses,
 * a key that is not a plain string, NaN/Inf, an odd indentation — gives undefined, and the caller reads the
 * document token by token. So it never accepts what the full read refuses, and never answers otherwise.
 */
import { type GoMap, isGoMap, type Value } from '../go/Value'
import { MAX_DEPTH, MAX_NODES } from './Depth'
import { parseYamlNode } from './Read'
import { resolvesNonFinite, resolvesToString } from './Resolve'

// a key: plain (no indicator first, no blank, `:` or `#` inside) or quoted without escapes, then `:` and a blank
const KEY = /^(?:([A-Za-z0-9_$/.][A-Za-z0-9_$/.@+~=-]*)|"([^"\\]*)"|'([^']*)'):(?: |$)/
// a double-quoted scalar with single-character escapes only, a single-quoted one (over lines: sticky)
const DOUBLE = /"(?:[^"\\]|\\[0abtnvfre "'\\NLP_])*"/y
const SINGLE = /'(?:[^']|'')*'/y
// a one-line flow sequence of simple scalars: `['a', "b", c]`
const FLOW_ITEM = `(?:"[^"\\\\]*"|'(?:[^']|'')*'|[A-Za-z0-9_/][A-Za-z0-9_./-]*)`
const FLOW_SEQUENCE = new RegExp(`^\\[ *(?:${FLOW_ITEM} *(?:, *${FLOW_ITEM} *)*)?\\]`)
// what may follow a scalar on its line: blanks, a comment after a blank
const REST = /^ *(?: #.*)?$/
// a block scalar's header: indicator, chomping, no indentation digit, a comment
const BLOCK_HEADER = /^[|>][+-]? *(?:#.*)?$/
// characters this reading leaves to the full one: tabs, other line breaks, a BOM, surrogates, and those the reader
// refuses (control characters, U+FFFE, U+FFFF); one character class, so one fast scan
const UNUSUAL = /[\t\r\u0085\u2028\u2029\ufeff\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]/
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/

class GiveUp extends Error {}
const giveUp = new GiveUp()

interface Collection {
  readonly kind: 'map' | 'seq'
  readonly indent: number
  /** a sequence at its mapping's indentation (`key:\n- a`) */
  readonly indentless: boolean
}

/** Where a key or item with no value on its line may find its value on the next lines. */
interface Pending {
  readonly from: 'map' | 'seq'
  readonly indent: number
}

const SPACES = / */y

/** The spaces a line starts with (a native scan: lines of rendered manifests are deeply indented). */
const spacesAt = (line: string): number => {
  SPACES.lastIndex = 0
  SPACES.test(line)
  return SPACES.lastIndex
}

// keyOf's last answer: a line is asked about up to three times (pending value, item, key)
let lastRest: string | undefined
let lastKey: { readonly key: string; readonly after: number } | undefined

/** The key of a `key: ...` line and where its value starts, or undefined; gives up on keys the full read converts. */
const keyOf = (rest: string): { readonly key: string; readonly after: number } | undefined => {
  if (rest === lastRest) return lastKey
  const m = KEY.exec(rest)
  let k: { readonly key: string; readonly after: number } | undefined
  if (m !== null) {
    const key = m[1] ?? m[2] ?? m[3]!
    if (key.length > 1000) throw giveUp
    if (m[1] !== undefined && !resolvesToString(key)) throw giveUp
    k = { key, after: m[0].length }
  }
  lastRest = rest
  lastKey = k
  return k
}

/**
 * Checks the scalar starting at `at` (after a key, `- `, or on a line of its own) on the line that ends before
 * `next`; `parent` is the indentation of the collection holding it. Returns where the next line to read
 * starts: after a block scalar's lines, or a quoted scalar's (they may run over several lines).
 */
const scalar = (text: string, at: number, next: number, parent: number): number => {
  const lineEnd = text.charCodeAt(next - 1) === 10 ? next - 1 : next
  const line = text.slice(at, lineEnd)
  if (BLOCK_HEADER.test(line)) return blockScalar(text, next, parent)
  const c = line[0]!
  if (c === '"' || c === "'") {
    const quoted = c === '"' ? DOUBLE : SINGLE
    quoted.lastIndex = at
    if (!quoted.test(text)) throw giveUp
    const close = quoted.lastIndex
    // a line of a quoted scalar may start anywhere, but not with a document marker
    if (close > lineEnd && /\n(?:---|\.\.\.)/.test(text.slice(at, close))) throw giveUp
    const nl = text.indexOf('\n', close)
    const end = nl < 0 ? text.length : nl
    if (!REST.test(text.slice(close, end))) throw giveUp
    return nl < 0 ? text.length : nl + 1
  }
  if (line.startsWith('{}')) {
    if (!REST.test(line.slice(2))) throw giveUp
    return next
  }
  if (c === '[') {
    const m = FLOW_SEQUENCE.exec(line)
    if (m === null || !REST.test(line.slice(m[0].length))) throw giveUp
    return next
  }
  // `-`, `?` and `:` start a plain scalar when a non-blank follows (outside flow collections)
  if (INDICATOR.test(line) && !((c === '-' || c === '?' || c === ':') && line.length > 1 && line[1] !== ' '))
    throw giveUp
  const hash = line.indexOf(' #')
  const plain = (hash < 0 ? line : line.slice(0, hash)).trimEnd()
  if (plain.includes(': ') || plain.endsWith(':') || resolvesNonFinite(plain)) throw giveUp
  return hash < 0 ? plainLines(text, next, parent + 1) : next
}

/**
 * A plain scalar goes on over the following lines indented at least `min` (empty lines between); a `: `, a
 * comment or a trailing `:` there would end it where yaml.v2 then fails. Returns where the next line starts.
 */
const plainLines = (text: string, pos: number, min: number): number => {
  for (let at = pos; at < text.length; ) {
    // most plain scalars end at the next line, less indented: judged without taking the line out
    SPACES.lastIndex = at
    SPACES.test(text)
    if (SPACES.lastIndex - at < min && SPACES.lastIndex < text.length && text.charCodeAt(SPACES.lastIndex) !== 10)
      return at
    const nl = text.indexOf('\n', at)
    const line = text.slice(at, nl < 0 ? text.length : nl)
    const spaces = spacesAt(line)
    if (spaces < line.length) {
      if (spaces < min) return at
      const t = line.slice(spaces).trimEnd()
      if (t.startsWith('#') || t.includes(' #') || t.includes(': ') || t.endsWith(':')) throw giveUp
    }
    at = nl < 0 ? text.length : nl + 1
  }
  return text.length
}

/**
 * The top-level entries whose keys `wanted` accepts, as `parseYamlNode` reads them, when the document is plain
 * block YAML (see above) that yaml.v2 accepts; undefined otherwise.
 */
export const plainBlockTopFields = (text: string, wanted: (key: string) => boolean): GoMap | undefined => {
  if (text.length >= MAX_NODES || UNUSUAL.test(text)) return undefined
  try {
    return read(text, wanted)
  } catch (e) {
    if (e instanceof GiveUp) return undefined
    throw e
  }
}

const read = (text: string, wanted: (key: string) => boolean): GoMap | undefined => {
  const stack: Collection[] = []
  let pending: Pending | undefined
  // the wanted top-level entries' text: from its key line to the next top-level key line
  let picked = ''
  let entryStart = -1
  let pos = 0
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos)
    const end = nl < 0 ? text.length : nl
    const lineStart = pos
    const line = text.slice(pos, end)
    pos = nl < 0 ? text.length : nl + 1
    const indent = spacesAt(line)
    if (indent === line.length || line.charCodeAt(indent) === 35) continue // blank or comment
    let rest = line.slice(indent)
    const dash = rest.charCodeAt(0) === 45 && (rest.length === 1 || rest.charCodeAt(1) === 32)
    if (stack.length === 0) {
      if (indent !== 0 || dash || keyOf(rest) === undefined) throw giveUp
      stack.push({ kind: 'map', indent: 0, indentless: false })
    } else if (pending !== undefined) {
      const p = pending
      pending = undefined
      if (indent > p.indent && !dash && keyOf(rest) === undefined) {
        // the value on a line of its own (`key:\n  []`); a block scalar's header there is left to the token reader
        if (BLOCK_HEADER.test(rest)) throw giveUp
        pos = scalar(text, lineStart + indent, pos, p.indent)
        continue
      }
      if (indent > p.indent) stack.push({ kind: dash ? 'seq' : 'map', indent, indentless: false })
      else if (p.from === 'map' && indent === p.indent && dash) stack.push({ kind: 'seq', indent, indentless: true })
    }
    // close what this line's indentation ends
    while (stack.length > 0 && stack.at(-1)!.indent > indent) stack.pop()
    let top = stack.at(-1)
    if (top === undefined || top.indent !== indent) throw giveUp
    if (top.kind === 'seq' && top.indentless && !dash) {
      stack.pop()
      top = stack.at(-1)!
    }
    if (stack.length > MAX_DEPTH - 2) throw giveUp
    let column = indent
    let restAt = lineStart + indent
    if (top.kind === 'seq') {
      if (!dash) throw giveUp
      // `- ` then the item: empty, a compact mapping (`- key: value`) or a scalar
      const s = spacesAt(rest.slice(1))
      const item = rest.slice(1 + s)
      if (item === '' || item.startsWith('#')) {
        pending = { from: 'seq', indent }
        continue
      }
      if (item.charCodeAt(0) === 45 && (item.length === 1 || item.charCodeAt(1) === 32)) throw giveUp
      column = indent + 1 + s
      if (keyOf(item) === undefined) {
        pos = scalar(text, lineStart + column, pos, indent)
        continue
      }
      stack.push({ kind: 'map', indent: column, indentless: false })
      rest = item
      restAt = lineStart + column
    } else if (dash) throw giveUp
    // `key: value` in the mapping at `column`
    const k = keyOf(rest)
    if (k === undefined) throw giveUp
    if (column === 0) {
      if (entryStart >= 0) picked += text.slice(entryStart, lineStart)
      entryStart = wanted(k.key) ? lineStart : -1
    }
    const value = rest.slice(k.after).trimStart()
    if (value === '' || value.startsWith('#')) pending = { from: 'map', indent: column }
    else pos = scalar(text, restAt + rest.length - value.length, pos, column)
  }
  if (stack.length === 0) return undefined
  if (entryStart >= 0) picked += text.slice(entryStart)
  if (picked === '') return {}
  const simple = simpleEntries(picked)
  if (simple !== undefined) return simple
  const r = parseYamlNode('', picked)
  return r._tag === 'Right' && isGoMap(r.right) ? r.right : undefined
}

/** `{}` or `[]` as the full read decodes them, else undefined. */
const emptyCollection = (text: string): Value | undefined => (text === '{}' ? {} : text === '[]' ? [] : undefined)

const SIMPLE_DOUBLE = /^"([^"\\]*)"$/
const SIMPLE_SINGLE = /^'((?:[^']|'')*)'$/
const TRAILING_SPACES = / +$/

/**
 * The picked entries (already judged by `read`) built directly when they are only nested mappings of keys on
 * one line each, whose values are one-line scalars that are strings: plain (resolving to a string), or quoted
 * without escapes; `{}` and `[]` (also on the line after their key); nothing (null). Anything else (a comment,
 * a sequence, a flow or block scalar, a scalar over several lines, a repeated key) gives undefined, and the full
 * reader reads the entries.
 */
const simpleEntries = (picked: string): GoMap | undefined => {
  const root: GoMap = {}
  const maps: GoMap[] = [root]
  const indents: number[] = [0]
  // a key with nothing after it: its value is the deeper mapping on the next line, else null
  let open: { readonly key: string; readonly indent: number } | undefined
  // the indentation of the last line holding a scalar: a deeper line after it would continue it
  let scalarAt = -1
  for (let pos = 0; pos < picked.length; ) {
    const nl = picked.indexOf('\n', pos)
    const line = picked.slice(pos, nl < 0 ? picked.length : nl)
    pos = nl < 0 ? picked.length : nl + 1
    const indent = spacesAt(line)
    if (indent === line.length) continue
    if (line.includes('#') || indent > 255) return undefined
    const rest = line.slice(indent)
    if (open !== undefined && indent > open.indent) {
      // an empty flow collection on a line of its own (`annotations:\n    {}`)
      const empty = emptyCollection(rest.replace(TRAILING_SPACES, ''))
      if (empty !== undefined) {
        maps.at(-1)![open.key] = empty
        scalarAt = open.indent
        open = undefined
        continue
      }
    }
    const m = KEY.exec(rest)
    if (m === null) return undefined
    const key = m[1] ?? m[2] ?? m[3]!
    if (open !== undefined && indent <= open.indent) open = undefined // an empty value: null
    if (open !== undefined) {
      const child: GoMap = {}
      maps.at(-1)![open.key] = child
      maps.push(child)
      indents.push(indent)
      open = undefined
    } else if (scalarAt >= 0 && indent > scalarAt) return undefined
    while (indents.at(-1)! > indent) {
      indents.pop()
      maps.pop()
    }
    if (indents.at(-1) !== indent) return undefined
    const map = maps.at(-1)!
    if (key === '__proto__' || Object.hasOwn(map, key)) return undefined
    const value = rest.slice(spacesAt(rest.slice(m[0].length)) + m[0].length).replace(TRAILING_SPACES, '')
    if (value === '') {
      map[key] = null
      open = { key, indent }
      scalarAt = -1
      continue
    }
    const c = value.charCodeAt(0)
    let text: Value
    if (c === 123 || c === 91) {
      const empty = emptyCollection(value)
      if (empty === undefined) return undefined
      text = empty
    } else if (c === 34) {
      const q = SIMPLE_DOUBLE.exec(value)
      if (q === null) return undefined
      text = q[1]!
    } else if (c === 39) {
      const q = SIMPLE_SINGLE.exec(value)
      if (q === null) return undefined
      text = q[1]!.replaceAll("''", "'")
    } else {
      if (INDICATOR.test(value) || !resolvesToString(value)) return undefined
      text = value
    }
    map[key] = text
    scalarAt = indent
  }
  return root
}

/**
 * Skips a block scalar's lines (after its header's line, which ends at `pos`), its indentation found from its
 * first non-empty line as libyaml finds it; `parent` is the indentation of the collection holding it. Returns
 * where the next line starts. Gives up where an indentation would be judged otherwise (a leading empty line
 * longer than the first line, a first line not deeper than the parent).
 */
const blockScalar = (text: string, pos: number, parent: number): number => {
  let longestEmpty = 0
  let indent = -1
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos)
    const end = nl < 0 ? text.length : nl
    const line = text.slice(pos, end)
    const spaces = spacesAt(line)
    if (indent < 0) {
      if (spaces === line.length) longestEmpty = Math.max(longestEmpty, spaces)
      else {
        if (spaces < longestEmpty || spaces <= parent || spaces < 1) throw giveUp
        indent = spaces
        if (nl < 0) return text.length
        // the rest in one native scan: the scalar ends at the first line less indented that is not blank
        const less = lessIndented(indent)
        less.lastIndex = nl
        const m = less.exec(text)
        return m === null ? text.length : m.index + 1
      }
    }
    pos = nl < 0 ? text.length : nl + 1
  }
  return pos
}

// per indentation: a line break, then fewer spaces than that, then a character that is not a space or a break
const LESS_INDENTED: RegExp[] = []
const lessIndented = (indent: number): RegExp => {
  LESS_INDENTED[indent] ??= new RegExp(`\\n {0,${indent - 1}}[^ \\n]`, 'g')
  return LESS_INDENTED[indent]!
}

/**
 * Values files (values.yaml, `-f`) written in plain block YAML, built line by line with native scans instead of
 * token by token: mappings and sequences by indentation (indentless sequences, compact `- key: value`), keys
 * on one line, one-line plain scalars (resolved as yaml.v2 resolves them), one-line quoted scalars without
 * escapes, `{}`, `[]`, one-line flow sequences of simple scalars, literal block scalars (`|`, `|-`), comments
 * (tabs only on comment lines). It answers only where it is sure; anything else (an anchor, a tag, an escape,
 * a scalar over several lines, a folded or kept block scalar, a repeated key, a key that is not a plain
 * string, NaN/Inf, an odd indentation, ...) gives undefined, and the caller reads the document token by token,
 * which also gives yaml.v2's errors. The values are the full read's (`parseYamlDocument`): ints as float64.
 */
import { GoInt, type GoMap, type Value } from '../go/Value'
import { MAX_DEPTH, MAX_NODES } from './Depth'
import { resolveScalar, resolvesToString } from './Resolve'

// a key: plain (no indicator first, no blank, `:` or `#` inside) or quoted without escapes, then `:` and a blank
const KEY = /^(?:([A-Za-z0-9_$/.][A-Za-z0-9_$/.@+~=-]*)|"([^"\\]*)"|'([^']*)'):(?: |$)/
// characters left to the full reader anywhere (tabs are judged per line: only comment lines may hold one)
const UNUSUAL = /[\r\u0085\u2028\u2029\ufeff\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]/
const COMMENT_LINE = / *#/y
const SPACES = / */y
const TRAILING_SPACES = / +$/
// one-line quoted scalars without escapes, then blanks or a comment
const DOUBLE = /^"([^"\\]*)"(?: *| +#.*)$/
const SINGLE = /^'((?:[^']|'')*)'(?: *| +#.*)$/
const EMPTY_MAP = /^\{\}(?: *| +#.*)$/
const EMPTY_SEQ = /^\[\](?: *| +#.*)$/
// a one-line flow sequence of simple scalars (`['a', "b", c]`), then blanks or a comment, and its items
const FLOW_ITEM = `(?:"[^"\\\\]*"|'(?:[^']|'')*'|[A-Za-z0-9_/][A-Za-z0-9_./-]*)`
const FLOW_SEQUENCE = new RegExp(`^(\\[ *(?:${FLOW_ITEM} *(?:, *${FLOW_ITEM} *)*)?\\])(?: *| +#.*)$`)
const FLOW_ITEMS = /"([^"\\]*)"|'((?:[^']|'')*)'|([A-Za-z0-9_/][A-Za-z0-9_./-]*)/g
// a literal block scalar's header: clipped or stripped, no indentation digit, maybe a comment
const LITERAL_HEADER = /^\|(-?)(?: *| +#.*)$/
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/

class GiveUp extends Error {}
const giveUp = new GiveUp()

const spacesAt = (line: string, from = 0): number => {
  SPACES.lastIndex = from
  SPACES.test(line)
  return SPACES.lastIndex - from
}

interface Frame {
  readonly indent: number
  readonly map: GoMap | undefined
  readonly seq: Value[] | undefined
  /** a sequence at its mapping's indentation (`key:\n- a`) */
  readonly indentless: boolean
}

/** A key or item with nothing after it: its value (null until then) is what the next lines open, if deeper. */
interface Slot {
  readonly indent: number
  readonly inMap: boolean
  readonly map: GoMap | undefined
  readonly key: string
  readonly seq: Value[] | undefined
  readonly index: number
}

/**
 * The values of a values file, as `parseYamlDocument` gives them (with `typed`, as `parseYamlTyped` does: ints
 * as GoInt), when it is plain block YAML this reading is sure of and its root is a mapping; undefined otherwise
 * (the caller then reads it token by token).
 */
export const plainBlockValues = (text: string, typed = false): GoMap | undefined => {
  if (text.length >= MAX_NODES || UNUSUAL.test(text)) return undefined
  for (let tab = text.indexOf('\t'); tab >= 0; tab = text.indexOf('\t', tab + 1)) {
    COMMENT_LINE.lastIndex = text.lastIndexOf('\n', tab) + 1
    if (!COMMENT_LINE.test(text) || COMMENT_LINE.lastIndex > tab) return undefined
  }
  try {
    return build(text, typed)
  } catch (e) {
    if (e instanceof GiveUp) return undefined
    throw e
  }
}

const build = (text: string, typed: boolean): GoMap | undefined => {
  const frames: Frame[] = []
  let slot: Slot | undefined
  // the indentation owning the last one-line scalar: a deeper line after it would continue it
  let scalarAt = -1
  let pos = 0
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos)
    const line = text.slice(pos, nl < 0 ? text.length : nl)
    pos = nl < 0 ? text.length : nl + 1
    const indent = spacesAt(line)
    if (indent === line.length || line.charCodeAt(indent) === 35) continue // blank or comment
    if (scalarAt >= 0 && indent > scalarAt) throw giveUp
    scalarAt = -1
    const rest = line.slice(indent)
    const dash = rest.charCodeAt(0) === 45 && (rest.length === 1 || rest.charCodeAt(1) === 32)
    if (frames.length === 0) {
      if (indent !== 0 || dash) throw giveUp
      frames.push({ indent: 0, map: {}, seq: undefined, indentless: false })
    } else if (slot !== undefined) {
      const s = slot
      slot = undefined
      if (indent > s.indent || (s.inMap && indent === s.indent && dash)) {
        let opened: Value
        if (dash) {
          const seq: Value[] = []
          frames.push({ indent, map: undefined, seq, indentless: indent === s.indent })
          opened = seq
        } else {
          // a scalar on a line of its own is left to the full reader
          if (KEY.exec(rest) === null) throw giveUp
          const map: GoMap = {}
          frames.push({ indent, map, seq: undefined, indentless: false })
          opened = map
        }
        if (s.inMap) s.map![s.key] = opened
        else s.seq![s.index] = opened
        // the frame just opened is the one this line belongs to
      }
    }
    while (frames.length > 0 && frames.at(-1)!.indent > indent) frames.pop()
    let top = frames.at(-1)
    if (top === undefined || top.indent !== indent) throw giveUp
    if (top.seq !== undefined && top.indentless && !dash) {
      frames.pop()
      top = frames.at(-1)
      if (top === undefined || top.indent !== indent) throw giveUp
    }
    if (frames.length > MAX_DEPTH - 2) throw giveUp
    let column = indent
    let body = rest
    let map: GoMap
    if (top.seq !== undefined) {
      if (!dash) throw giveUp
      const s = spacesAt(rest, 1)
      const item = rest.slice(1 + s)
      if (item === '' || item.charCodeAt(0) === 35) {
        slot = { indent, inMap: false, map: undefined, key: '', seq: top.seq, index: top.seq.push(null) - 1 }
        continue
      }
      if (item.charCodeAt(0) === 45 && (item.length === 1 || item.charCodeAt(1) === 32)) throw giveUp
      if (KEY.exec(item) === null) {
        const folded = plainLines(text, pos, indent, item)
        top.seq.push(folded === undefined ? inlineValue(item, typed) : plainValue(folded.value, typed))
        if (folded !== undefined) pos = folded.next
        scalarAt = indent
        continue
      }
      column = indent + 1 + s
      map = {}
      top.seq.push(map)
      frames.push({ indent: column, map, seq: undefined, indentless: false })
      body = item
    } else {
      if (dash) throw giveUp
      map = top.map!
    }
    const k = KEY.exec(body)
    if (k === null) throw giveUp
    const key = k[1] ?? k[2] ?? k[3]!
    if (key.length > 1000 || key === '__proto__' || Object.hasOwn(map, key)) throw giveUp
    if (k[1] !== undefined && !resolvesToString(key)) throw giveUp
    const v = body.slice(k[0].length + spacesAt(body, k[0].length))
    map[key] = null
    if (v === '' || v.charCodeAt(0) === 35) {
      slot = { indent: column, inMap: true, map, key, seq: undefined, index: 0 }
      continue
    }
    const header = LITERAL_HEADER.exec(v)
    if (header !== null) {
      const r = literal(text, pos, column, header[1] === '-')
      map[key] = r.value
      pos = r.next
      continue
    }
    const folded = plainLines(text, pos, column, v)
    map[key] = folded === undefined ? inlineValue(v, typed) : plainValue(folded.value, typed)
    if (folded !== undefined) pos = folded.next
    scalarAt = column
  }
  return frames.length === 0 ? undefined : frames[0]!.map
}

/**
 * A plain scalar `first` going on over the lines from `pos` indented deeper than `owner` (the collection holding
 * it), folded as libyaml folds it (a line break between two lines is a space, each empty line between them a
 * line break); undefined when the next non-blank line is not deeper (a one-line scalar). Gives up where a
 * continuation would be judged otherwise (a comment, a `: `, a trailing `:`, a quoted or flow first line).
 */
const plainLines = (
  text: string,
  pos: number,
  owner: number,
  first: string,
): { readonly value: string; readonly next: number } | undefined => {
  let value: string | undefined
  let breaks = 0
  let next = pos
  for (let at = pos; at < text.length; ) {
    const nl = text.indexOf('\n', at)
    const line = text.slice(at, nl < 0 ? text.length : nl)
    at = nl < 0 ? text.length : nl + 1
    const spaces = spacesAt(line)
    if (spaces === line.length) {
      breaks++
      continue
    }
    // a comment ends the scalar (a deeper line after it is then an error the main loop leaves to the full read)
    if (spaces <= owner || line.charCodeAt(spaces) === 35) break
    if (value === undefined) {
      // the first line must be a plain scalar without a comment
      const c = first.charCodeAt(0)
      if (c === 34 || c === 39 || c === 91 || c === 123 || first.includes(' #')) throw giveUp
      if (INDICATOR.test(first) && !(c === 45 && first.length > 1 && first.charCodeAt(1) !== 32)) throw giveUp
      value = first.replace(TRAILING_SPACES, '')
      if (value.includes(': ') || value.endsWith(':')) throw giveUp
    }
    const t = line.slice(spaces).replace(TRAILING_SPACES, '')
    if (t.includes(' #') || t.includes(': ') || t.endsWith(':') || t.includes('\t')) throw giveUp
    value += breaks === 0 ? ` ${t}` : '\n'.repeat(breaks)
    if (breaks > 0) value += t
    breaks = 0
    next = at
  }
  return value === undefined ? undefined : { value, next }
}

/** A one-line plain scalar's value (ints as float64, or GoInt when `typed`); gives up on NaN/Inf and merge keys. */
const plainValue = (plain: string, typed: boolean): Value => {
  const s = resolveScalar(plain, '', true)
  switch (s.kind) {
    case 'str':
    case 'bool':
      return s.value
    case 'null':
      return null
    case 'int':
      return typed ? new GoInt(s.value, s.unsigned ? 'uint64' : 'int64') : Number(s.value)
    case 'float':
      if (!Number.isFinite(s.value)) throw giveUp
      return s.value
  }
  throw giveUp
}

/** The value written after `key: ` or `- ` on one line (trailing blanks and comment included in `v`). */
const inlineValue = (v: string, typed: boolean): Value => {
  const c = v.charCodeAt(0)
  if (c === 34) {
    const m = DOUBLE.exec(v)
    if (m === null) throw giveUp
    return m[1]!
  }
  if (c === 39) {
    const m = SINGLE.exec(v)
    if (m === null) throw giveUp
    return m[1]!.replaceAll("''", "'")
  }
  if (c === 123) {
    if (!EMPTY_MAP.test(v)) throw giveUp
    return {}
  }
  if (c === 91) {
    if (EMPTY_SEQ.test(v)) return []
    const flow = FLOW_SEQUENCE.exec(v)
    if (flow === null) throw giveUp
    const out: Value[] = []
    for (const m of flow[1]!.matchAll(FLOW_ITEMS))
      out.push(m[1] ?? (m[2] !== undefined ? m[2].replaceAll("''", "'") : plainValue(m[3]!, typed)))
    return out
  }
  // `-` may start a plain scalar when a non-blank follows; other indicators are left to the full reader
  if (INDICATOR.test(v) && !(c === 45 && v.length > 1 && v.charCodeAt(1) !== 32)) throw giveUp
  const hash = v.indexOf(' #')
  const plain = (hash < 0 ? v : v.slice(0, hash)).replace(TRAILING_SPACES, '')
  if (plain.includes(': ') || plain.endsWith(':') || plain.includes('\t')) throw giveUp
  return plainValue(plain, typed)
}

/**
 * A literal block scalar whose header ended the line before `pos`, in the mapping at indentation `parent`:
 * its indentation is its first non-blank line's (libyaml's auto-detection when no blank line before it is
 * longer); each line loses that indentation, blank lines become empty lines, and the final line break is kept
 * (`|`) or dropped (`|-`) with the trailing blank lines. Returns the value and where the next line starts.
 */
const literal = (text: string, pos: number, parent: number, strip: boolean): { value: string; next: number } => {
  let longestEmpty = 0
  let leading = 0
  let indent = -1
  const lines: string[] = []
  // lines.length when the last content line was pushed, and whether a line break ended it
  let contentEnd = 0
  let broken = false
  let at = pos
  while (at < text.length) {
    const nl = text.indexOf('\n', at)
    const line = text.slice(at, nl < 0 ? text.length : nl)
    const spaces = spacesAt(line)
    if (indent < 0) {
      if (spaces === line.length) {
        longestEmpty = Math.max(longestEmpty, spaces)
        leading++
      } else if (spaces <= parent)
        break // no content: the scalar is empty
      else {
        if (spaces < longestEmpty) throw giveUp
        indent = spaces
        // blank lines before the first content line are line breaks of the value
        for (let i = 0; i < leading; i++) lines.push('')
      }
    }
    if (indent >= 0) {
      if (spaces === line.length) {
        if (spaces > indent) throw giveUp // spaces past the indentation on a blank line are content: left out
        lines.push('')
      } else if (spaces < indent) break
      else {
        lines.push(line.slice(indent))
        contentEnd = lines.length
        broken = nl >= 0
      }
    }
    at = nl < 0 ? text.length : nl + 1
  }
  if (indent < 0) {
    // an empty scalar: blank lines longer than the mapping's indentation would set the indentation; left out
    if (longestEmpty > parent) throw giveUp
    return { value: '', next: at }
  }
  const body = lines.slice(0, contentEnd).join('\n')
  return { value: strip || !broken ? body : `${body}\n`, next: at }
}

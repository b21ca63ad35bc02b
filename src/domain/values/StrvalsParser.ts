import { type GoMap, type Value, isGoMap } from '../go/Value'
import { goQuote, goQuoteRunes, goTypeName } from './GoText'
import { getKey, putKey } from './MergeMaps'
import { MAX_NESTING_DEPTH } from '../go/Budget'
import { nestedTooDeep } from '../yaml/Depth'

/** Largest list index `a[N]=` accepts (Helm 3+). */
export const MAX_INDEX = 65536
/** Deepest `a.b.c...` nesting accepted. */
export const MAX_NESTED_NAME_LEVEL = 30

/** A parse failure; `message` is Helm's text. Thrown inside the parser, caught by Strvals.ts. */
export class StrvalsFailure extends Error {}

/** Turns the runes of one value into a Go value (typed, string, file content); throws StrvalsFailure. */
export type RunesReader = (raw: string) => Value

/** How the text after `=` is read: strvals' value lists and `\` escapes, one JSON value, or the raw rest. */
export type ValueMode = 'plain' | 'json' | 'literal'

const fail = (msg: string): never => {
  throw new StrvalsFailure(msg)
}

// Go's type assertions on values already present panic; the parser's recover prefixes the panic text.
const asMap = (v: Value): GoMap =>
  v !== null && v !== undefined && isGoMap(v)
    ? v
    : fail(`unable to parse key: interface conversion: interface {} is ${goTypeName(v)}, not map[string]interface {}`)
const asList = (v: Value): Value[] =>
  Array.isArray(v)
    ? v
    : fail(`unable to parse key: interface conversion: interface {} is ${goTypeName(v)}, not []interface {}`)

const isSpace = (r: string): boolean => /^\s$/u.test(r) && r !== '\uFEFF'

/** strconv.Atoi with its error text. */
const atoi = (s: string): bigint => {
  if (!/^[+-]?\d+$/.test(s)) return fail(`error parsing index: strconv.Atoi: parsing ${goQuote(s)}: invalid syntax`)
  const n = BigInt(s)
  if (n > 9223372036854775807n || n < -9223372036854775808n)
    return fail(`error parsing index: strconv.Atoi: parsing ${goQuote(s)}: value out of range`)
  return n
}

const setIndex = (list: Value[], index: bigint, val: Value): Value[] => {
  if (index < 0n) fail(`negative ${index} index not allowed`)
  if (index > BigInt(MAX_INDEX)) fail(`index of ${index} is greater than maximum supported index of ${MAX_INDEX}`)
  const at = Number(index)
  while (list.length <= at) list.push(null)
  list[at] = val
  return list
}

/** False when a decoded JSON value holds a number Go's float64 cannot (JSON.parse gives Infinity). */
export const finite = (v: Value): boolean =>
  typeof v === 'number'
    ? Number.isFinite(v)
    : Array.isArray(v)
      ? v.every(finite)
      : v !== null && typeof v === 'object' && isGoMap(v)
        ? Object.values(v).every(finite)
        : true

/** End offset (UTF-16) of the first JSON value of `s`, as Go's json.Decoder finds it; -1 when there is none. */
const jsonValueEnd = (s: string): number => {
  const c = s[0]
  if (c === '"') {
    for (let i = 1; i < s.length; i++) {
      if (s[i] === '\\') i++
      else if (s[i] === '"') return i + 1
    }
    return -1
  }
  if (c === '{' || c === '[') {
    let depth = 0
    for (let i = 0; i < s.length; i++) {
      const x = s[i]
      if (x === '"') {
        i++
        while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1
      } else if (x === '{' || x === '[') depth++
      else if (x === '}' || x === ']') {
        depth--
        if (depth === 0) return i + 1
      }
    }
    return -1
  }
  const lit = /^(?:true|false|null)/.exec(s)
  if (lit) return lit[0].length
  // Go's scanner: a '.' or an exponent mark after the integer part must be followed by digits.
  const int = /^-?(?:0|[1-9]\d*)/.exec(s)
  if (int === null) return -1
  let end = int[0].length
  if (s[end] === '.') {
    const frac = /^\.\d+/.exec(s.slice(end))
    if (frac === null) return -1
    end += frac[0].length
  }
  if (s[end] === 'e' || s[end] === 'E') {
    const exp = /^[eE][+-]?\d+/.exec(s.slice(end))
    if (exp === null) return -1
    end += exp[0].length
  }
  return end
}

/**
 * Helm's strvals parser (pkg/strvals parser.go and literal_parser.go) over the runes of one
 * expression, writing into `data` in place. Methods return `true` when the input ran out (Go's
 * io.EOF, which ends parsing without error) and throw StrvalsFailure on errors.
 */
export class StrvalsParser {
  private pos = 0
  private readonly runes: string[]

  constructor(
    expr: string,
    private readonly data: GoMap,
    private readonly reader: RunesReader,
    private readonly mode: ValueMode,
  ) {
    this.runes = Array.from(expr)
  }

  parse(): void {
    while (!this.key(this.data, 0));
  }

  /** Reads runes up to one of `stop`; `\x` yields `x` except in literal mode. Returns [text runes, stop rune, eof]. */
  private until(stop: string): [string[], string, boolean] {
    const v: string[] = []
    for (;;) {
      if (this.pos >= this.runes.length) return [v, '', true]
      const r = this.runes[this.pos++] as string
      if (stop.includes(r)) return [v, r, false]
      if (r === '\\' && this.mode !== 'literal') {
        if (this.pos >= this.runes.length) return [v, '', true]
        v.push(this.runes[this.pos++] as string)
      } else v.push(r)
    }
  }

  private rest(): string {
    const s = this.runes.slice(this.pos).join('')
    this.pos = this.runes.length
    return s
  }

  private emptyVal(): boolean {
    for (;;) {
      if (this.pos >= this.runes.length) return true
      const r = this.runes[this.pos] as string
      this.pos++
      if (r === ',') return true
      if (!isSpace(r)) {
        this.pos--
        return false
      }
    }
  }

  private jsonVal(): Value {
    const s = this.runes.slice(this.pos).join('')
    const end = jsonValueEnd(s)
    if (end < 0) return fail('invalid JSON value')
    let v: Value
    try {
      v = JSON.parse(s.slice(0, end)) as Value
    } catch (e) {
      return fail(e instanceof Error ? e.message : String(e))
    }
    // Go's decoder stops at 10000 levels; ours at the bound of every decoded document
    if (nestedTooDeep(v)) return fail('exceeded max depth')
    // Go cannot hold a number beyond float64 (1e400) and fails where JSON.parse gives Infinity.
    if (!finite(v)) return fail('number out of float64 range')
    this.pos += Array.from(s.slice(0, end)).length
    this.emptyVal()
    return v
  }

  private keyIndex(): bigint | undefined {
    const [v, , eof] = this.until(']')
    return eof ? undefined : atoi(v.join(''))
  }

  /** A `{a,b}` list after `=`: the list, `undefined` when the value is not a list, `'eof'` at the end of input. */
  private valList(): Value[] | undefined | 'eof' {
    if (this.pos >= this.runes.length) return 'eof'
    if (this.runes[this.pos] !== '{') return undefined
    this.pos++
    const list: Value[] = []
    for (;;) {
      const [rs, last, eof] = this.until(',}')
      if (eof) return fail("list must terminate with '}'")
      if (last === '}') {
        if (this.runes[this.pos] === ',') this.pos++
        list.push(this.reader(rs.join('')))
        return list
      }
      list.push(this.reader(rs.join('')))
    }
  }

  private key(data: GoMap, level: number): boolean {
    const [k, last, eof] = this.until(this.mode === 'literal' ? '=[.' : '=[,.')
    const key = k.join('')
    if (eof) {
      if (k.length === 0) return true
      return fail(`key ${goQuote(key)} has no value`)
    }
    const set = (v: Value): void => {
      if (key.length > 0) putKey(data, key, v)
    }
    switch (last) {
      case '[': {
        const i = this.keyIndex()
        if (i === undefined) return true
        const prev = getKey(data, key)
        const [list, end] = this.listItem(prev === undefined ? [] : asList(prev.value), i, level)
        set(list)
        return end
      }
      case '=': {
        if (this.mode === 'literal') set(this.rest())
        else if (this.mode === 'json') set(this.emptyVal() ? null : this.jsonVal())
        else {
          const vl = this.valList()
          if (vl === 'eof') {
            set('')
            return true
          }
          set(vl ?? this.reader(this.until(',')[0].join('')))
        }
        return false
      }
      case ',':
        set('')
        return fail(`key ${goQuote(key)} has no value (cannot end with ,)`)
      default: {
        if (level + 1 > MAX_NESTED_NAME_LEVEL)
          fail(`value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`)
        const prev = getKey(data, key)
        const inner = prev === undefined ? {} : asMap(prev.value)
        const end = this.key(inner, level + 1)
        const size = Object.keys(inner).length
        if (!end && size === 0) fail(`key map ${goQuote(key)} has no value`)
        if (size !== 0) set(inner)
        return end
      }
    }
  }

  private listItem(list: Value[], i: bigint, level: number, depth = 1): [Value[], boolean] {
    if (i < 0n) fail(`negative ${i} index not allowed`)
    // Helm nests `a[0][0]...` without bound; values stop at the depth every decoded document has
    if (depth > MAX_NESTING_DEPTH)
      fail(`list index nested level is greater than maximum supported nested level of ${MAX_NESTING_DEPTH}`)
    const [k, last, eof] = this.until('[.=')
    if (k.length > 0) fail(`unexpected data at end of array index: ${goQuoteRunes(k)}`)
    if (eof) return [list, true]
    switch (last) {
      case '=': {
        if (this.mode === 'literal') return [setIndex(list, i, this.rest()), false]
        if (this.mode === 'json') return [setIndex(list, i, this.emptyVal() ? null : this.jsonVal()), false]
        const vl = this.valList()
        if (vl === 'eof') return [setIndex(list, i, ''), false]
        return [setIndex(list, i, vl ?? this.reader(this.until(',')[0].join(''))), false]
      }
      case '[': {
        const next = this.keyIndex()
        if (next === undefined) return [list, true]
        const existing = i < list.length ? list[Number(i)] : null
        const [inner, end] = this.listItem(
          existing === null || existing === undefined ? [] : asList(existing),
          next,
          level,
          depth + 1,
        )
        if (end) return [list, true]
        return [setIndex(list, i, inner), false]
      }
      default: {
        let inner: GoMap = {}
        if (i < list.length) {
          const existing = list[Number(i)]
          if (existing !== null && existing !== undefined && isGoMap(existing)) inner = existing
          // Indices set out of order: Helm replaces whatever was there with an empty map.
          else list[Number(i)] = inner
        }
        if (this.key(inner, level)) return [list, true]
        return [setIndex(list, i, inner), false]
      }
    }
  }
}

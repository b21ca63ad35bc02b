import { quote } from '../../go/Strconv'
import { GoInt, type GoMap, type Value } from '../../go/Value'
import { type GoTime, timeStruct } from '../sprig/goTime'
import { parseTime } from '../sprig/goTimeParse'
import { isHex, type Item, Lexer } from './TomlLexer'

/**
 * TOML read as Helm's fromToml reads it (BurntSushi/toml v1.6.0 decoding into map[string]interface{}): TOML 1.1
 * (newlines and a trailing comma in inline tables, \e and \x escapes), a table may be opened after dotted keys
 * made it, integers int64, floats float64, datetimes time.Time, and Go's error texts
 * (`toml: line 2 (last key "a"): Key 'a' has already been defined.`).
 */

class ParseError extends Error {
  constructor(
    readonly line: number,
    readonly lastKey: string,
    message: string,
  ) {
    super(
      lastKey === '' ? `toml: line ${line}: ${message}` : `toml: line ${line} (last key ${quote(lastKey)}): ${message}`,
    )
  }
}

/** An array of tables ([[name]]), unlike an array value. */
class TableArray {
  readonly tables: Table[] = []
}
type Table = Map<string, Entry>
type Entry = Value | Table | TableArray

const BARE = /^[A-Za-z0-9_-]+$/
const keyQuote = (s: string): string => {
  let out = ''
  for (const c of s) {
    const n = c.codePointAt(0)!
    if (c === '"') out += '\\"'
    else if (c === '\\') out += '\\\\'
    else if (c === '\b') out += '\\b'
    else if (c === '\t') out += '\\t'
    else if (c === '\n') out += '\\n'
    else if (c === '\f') out += '\\f'
    else if (c === '\r') out += '\\r'
    else if (n < 0x20 || n === 0x7f) out += `\\u${n.toString(16).padStart(4, '0')}`
    else out += c
  }
  return `"${out}"`
}
/** toml.Key's String: bare parts as they are, others double-quoted, joined by dots. */
const keyString = (key: ReadonlyArray<string>): string =>
  key.map((k) => (k === '' ? '""' : BARE.test(k) ? k : keyQuote(k))).join('.')

type TomlType = 'primitive' | 'array' | 'hash' | 'arrayHash'

const isTable = (e: Entry | undefined): e is Table => e instanceof Map

class Parser {
  private readonly lx: Lexer
  private context: string[] = []
  private currentKey = ''
  private line = 1
  readonly mapping: Table = new Map()
  private readonly types = new Map<string, TomlType>()
  private readonly implicits = new Set<string>()

  constructor(input: string) {
    this.lx = new Lexer(input)
  }

  private current(): string {
    if (this.currentKey === '') return keyString(this.context)
    if (this.context.length === 0) return this.currentKey
    return `${keyString(this.context)}.${this.currentKey}`
  }
  private fail(message: string, line = this.line): never {
    throw new ParseError(line, this.current(), message)
  }
  next(): Item {
    const it = this.lx.nextItem()
    if (it.type === 'error') this.fail(it.error ?? it.value, it.line)
    return it
  }
  private nextPos(): Item {
    const it = this.next()
    this.line = it.line
    return it
  }
  private expectText(): void {
    const it = this.next()
    if (it.type !== 'text') throw new Error(`BUG: Expected 'Text' but got '${it.type}'.`)
  }

  parse(): void {
    for (;;) {
      const it = this.next()
      if (it.type === 'eof') return
      this.topLevel(it)
    }
  }

  private keyParts(first: Item, end: Item['type']): string[] {
    const key: string[] = []
    for (let k = first; k.type !== end && k.type !== 'eof'; k = this.next()) key.push(this.keyPart(k))
    return key
  }

  private topLevel(it: Item): void {
    switch (it.type) {
      case 'commentStart':
        return this.expectText()
      case 'tableStart':
      case 'arrayTableStart': {
        const array = it.type === 'arrayTableStart'
        const key = this.keyParts(this.nextPos(), array ? 'arrayTableEnd' : 'tableEnd')
        this.addContext(key, array)
        this.setType('', array ? 'arrayHash' : 'hash')
        return
      }
      case 'keyStart': {
        const outer = this.context
        this.keyValue(this.keyParts(this.nextPos(), 'keyEnd'))
        this.context = outer
        this.currentKey = ''
        return
      }
      default:
        throw new Error(`BUG: Unexpected type at top level: ${it.type}`)
    }
  }

  /** `a.b.c = value` in the current context: a and b become implicit tables. Returns the value. */
  private keyValue(key: string[]): Entry {
    this.currentKey = key[key.length - 1]!
    for (const part of key.slice(0, -1)) this.addImplicitContext([...this.context, part])
    const vItem = this.next()
    const [val, type] = this.value(vItem, false)
    this.setValue(this.currentKey, val)
    this.setType(this.currentKey, type)
    return val
  }

  private keyPart(it: Item): string {
    if (it.type === 'text') return it.value
    return this.value(it, false)[0] as string
  }

  private value(it: Item, parentIsArray: boolean): [Entry, TomlType] {
    switch (it.type) {
      case 'string':
      case 'rawString':
        return [it.value, 'primitive']
      case 'stringEsc':
        return [this.replaceEscapes(it, it.value), 'primitive']
      case 'multilineString':
        return [this.replaceEscapes(it, stripEscapedNewlines(stripFirstNewline(it.value))), 'primitive']
      case 'rawMultilineString':
        return [stripFirstNewline(it.value), 'primitive']
      case 'integer':
        return [this.integer(it), 'primitive']
      case 'float':
        return [this.float(it), 'primitive']
      case 'bool':
        return [it.value === 'true', 'primitive']
      case 'datetime':
        return [this.datetime(it), 'primitive']
      case 'array':
        return [this.array(it), 'array']
      case 'inlineTableStart':
        return [this.inlineTable(parentIsArray), 'hash']
      default:
        throw new Error(`BUG: Unexpected value type: ${it.type}`)
    }
  }

  private integer(it: Item): GoInt {
    const v = it.value
    if (!underscoresOK(v)) this.fail(`Invalid integer ${quote(v)}: underscores must be surrounded by digits`, it.line)
    if (hasLeadingZero(v)) this.fail(`Invalid integer ${quote(v)}: cannot have leading zeroes`, it.line)
    const m = /^([+-]?)(0[xob])?(.*)$/.exec(v)!
    const digits = m[3]!.replaceAll('_', '')
    const n = BigInt(`${m[1] === '-' ? '-' : ''}${m[2] ?? ''}${digits}`.replace(/^-(0[xob])/, '-$1'))
    if (n > 0x7fffffffffffffffn || n < -0x8000000000000000n) this.fail(`${v} is out of range for int64`, it.line)
    return new GoInt(n, 'int64')
  }

  private float(it: Item): number {
    const v = it.value
    for (const part of v.split(/[.eE]/).filter((p) => p !== ''))
      if (!underscoresOK(part))
        this.fail(`Invalid float ${quote(v)}: underscores must be surrounded by digits`, it.line)
    const first = v.split(/[.eE]/).find((p) => p !== '')
    if (first !== undefined && hasLeadingZero(first))
      this.fail(`Invalid float ${quote(v)}: cannot have leading zeroes`, it.line)
    if (!periodsOK(v)) this.fail(`Invalid float ${quote(v)}: '.' must be followed by one or more digits`, it.line)
    const s = v.replaceAll('_', '')
    const special = /^([+-]?)(inf|nan)$/.exec(s)
    if (special) return special[2] === 'nan' ? Number.NaN : special[1] === '-' ? -Infinity : Infinity
    // strconv.ParseFloat's decimal syntax
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) this.fail(`Invalid float value: ${quote(v)}`, it.line)
    const f = Number(s)
    if (!Number.isFinite(f)) this.fail(`${v} is out of range for float64`, it.line)
    return f
  }

  private datetime(it: Item): Value {
    const v = it.value.replace(/[zt ]/g, (c) => (c === 'z' ? 'Z' : 'T'))
    for (const [layout, zone] of DATETIME_LAYOUTS) {
      let t: GoTime
      try {
        t = parseTime(layout, v)
      } catch {
        continue
      }
      if (missingLeadingZero(v, layout)) break
      // the machine's zone is UTC (as in Helm's containers): local kinds carry its offset under their own name
      return timeStruct(zone === '' ? t : { ns: t.ns, offset: 0, zone })
    }
    return this.fail(`invalid datetime: ${quote(v)}`, it.line)
  }

  private array(it: Item): Value[] {
    this.setType(this.currentKey, 'array')
    const out: Value[] = []
    for (let x = this.next(); x.type !== 'arrayEnd'; x = this.next()) {
      if (x.type === 'commentStart') {
        this.expectText()
        continue
      }
      out.push(toValue(this.value(x, true)[0]))
    }
    void it
    return out
  }

  private inlineTable(parentIsArray: boolean): Table {
    const top: Table = new Map()
    const outerContext = this.context
    const outerKey = this.currentKey
    this.context = [...this.context, this.currentKey]
    const prev = this.context
    this.currentKey = ''
    this.implicits.add(keyString(this.context))
    this.addContext(this.context, parentIsArray)
    for (let it = this.next(); it.type !== 'inlineTableEnd'; it = this.next()) {
      if (it.type === 'commentStart') {
        this.expectText()
        continue
      }
      const key = this.keyParts(this.nextPos(), 'keyEnd')
      const val = this.keyValue(key)
      let hash = top
      for (const c of key.slice(0, -1)) {
        let h = hash.get(c)
        if (h === undefined) {
          h = new Map()
          hash.set(c, h)
        }
        if (!isTable(h)) this.fail(`${quote(keyString(this.context))} is not a table`)
        hash = h
      }
      hash.set(this.currentKey, val)
      this.context = prev
    }
    this.context = outerContext
    this.currentKey = outerKey
    return top
  }

  private addImplicitContext(key: string[]): void {
    this.implicits.add(keyString(key))
    this.addContext(key, false)
  }

  private addContext(key: string[], array: boolean): void {
    let hash = this.mapping
    const keyContext: string[] = []
    for (const k of key.slice(0, -1)) {
      keyContext.push(k)
      if (!hash.has(k)) {
        this.implicits.add(keyString(keyContext))
        hash.set(k, new Map())
      }
      const t = hash.get(k)
      if (t instanceof TableArray) hash = t.tables[t.tables.length - 1]!
      else if (isTable(t)) hash = t
      else this.fail(`Key '${keyString(keyContext)}' was already created as a hash.`)
    }
    this.context = keyContext
    const last = key[key.length - 1]!
    if (array) {
      if (!hash.has(last)) hash.set(last, new TableArray())
      const t = hash.get(last)
      if (t instanceof TableArray) t.tables.push(new Map())
      else this.fail(`Key '${keyString(key)}' was already created and cannot be used as an array.`)
    } else this.setValue(last, new Map())
    this.context = [...keyContext, last]
  }

  private setValue(key: string, value: Entry): void {
    let hash = this.mapping
    const keyContext: string[] = []
    for (const k of this.context) {
      keyContext.push(k)
      const t = hash.get(k)
      if (t === undefined) throw new Error(`BUG: Context for key '${keyString(keyContext)}' has not been established.`)
      if (t instanceof TableArray) hash = t.tables[t.tables.length - 1]!
      else if (isTable(t)) hash = t
      else this.fail(`Key '${keyString(keyContext)}' has already been defined.`)
    }
    keyContext.push(key)
    const name = keyString(keyContext)
    if (hash.has(key)) {
      if (this.types.get(name) === 'array') {
        if (!this.implicits.has(name)) this.fail(`Key '${name}' has already been defined.`)
        this.implicits.delete(name)
        hash.set(key, value)
        return
      }
      if (this.implicits.has(name)) {
        this.implicits.delete(name)
        return
      }
      this.fail(`Key '${name}' has already been defined.`)
    }
    hash.set(key, value)
  }

  private setType(key: string, type: TomlType): void {
    const k = key === '' ? this.context : [...this.context, key]
    this.types.set(keyString(k.length === 0 ? [''] : k), type)
  }

  private replaceEscapes(it: Item, s: string): string {
    let out = ''
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!
      if (c !== '\\') {
        out += c
        continue
      }
      const e = s[i + 1]!
      const simple: Record<string, string> = {
        b: '\b',
        t: '\t',
        n: '\n',
        f: '\f',
        r: '\r',
        e: '\x1b',
        '"': '"',
        '\\': '\\',
      }
      if (e === ' ' || e === '\t') this.fail(`invalid escape: '\\${e}'`, it.line)
      if (simple[e] !== undefined) {
        out += simple[e]
        i++
        continue
      }
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8
      const hex = s.slice(i + 2, i + 2 + n)
      const cp = Number.parseInt(hex, 16)
      if (cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000))
        this.fail(`Escaped character '\\u${hex}' is not valid UTF-8.`, it.line)
      out += String.fromCodePoint(cp)
      i += n + 1
    }
    return out
  }
}

// Go's time layouts tried in turn, with the zone name each gives ('' for the zone written in the text)
const DATETIME_LAYOUTS: ReadonlyArray<readonly [string, string]> = [
  ['2006-01-02T15:04:05.999999999Z07:00', ''],
  ['2006-01-02T15:04:05.999999999', 'datetime-local'],
  ['2006-01-02', 'date-local'],
  ['15:04:05.999999999', 'time-local'],
  ['2006-01-02T15:04Z07:00', ''],
  ['2006-01-02T15:04', 'datetime-local'],
  ['15:04', 'time-local'],
]

/** A layout digit written as another character (Go's parser accepts `1:2` for `15:04`, TOML does not). */
const missingLeadingZero = (d: string, layout: string): boolean => {
  for (let i = 0; i < layout.length; i++) {
    const c = layout[i]!
    if (c === '.' || c === 'Z') return false
    if ((c < '0' || c > '9') && d[i] !== c) return true
  }
  return false
}

const underscoresOK = (s: string): boolean => {
  if (['nan', '+nan', '-nan', 'inf', '-inf', '+inf'].includes(s)) return true
  let accept = false
  for (const c of s) {
    if (c === '_' && !accept) return false
    accept = isHex(c.codePointAt(0)!)
  }
  return accept
}
const hasLeadingZero = (s: string): boolean =>
  (s.length > 1 && s[0] === '0' && !(s[1] === 'b' || s[1] === 'o' || s[1] === 'x')) ||
  (s.length > 2 && (s[0] === '-' || s[0] === '+') && s[1] === '0')
const periodsOK = (s: string): boolean => {
  let period = false
  for (const c of s) {
    if (period && !(c >= '0' && c <= '9')) return false
    period = c === '.'
  }
  return !period
}

const stripFirstNewline = (s: string): string =>
  s.startsWith('\n') ? s.slice(1) : s.startsWith('\r\n') ? s.slice(2) : s

/** A backslash ending a line (blanks after it allowed) swallows the line break and the blanks that follow. */
const stripEscapedNewlines = (s: string): string => {
  let out = ''
  let i = 0
  for (;;) {
    const ix = s.indexOf('\\', i)
    if (ix < 0) return out + s
    i = ix
    if (s[i + 1] === '\\') {
      i += 2
      continue
    }
    let j = i + 1
    while (j < s.length && ' \t\r\n'.includes(s[j]!)) j++
    if (j === i + 1 || !s.slice(i, j).includes('\n')) {
      i++
      continue
    }
    out += s.slice(0, i)
    s = s.slice(j)
    i = 0
  }
}

const toValue = (e: Entry): Value => {
  if (e instanceof TableArray) return e.tables.map(toValue)
  if (e instanceof Map) {
    const out: GoMap = {}
    for (const [k, v] of e) out[k] = toValue(v)
    return out
  }
  return e
}

/** The document as map[string]interface{}; throws Error with BurntSushi/toml's text. */
export const parseToml = (input: string): GoMap => {
  let data = input
  if (data.startsWith('\ufeff')) data = data.slice(1)
  if (data.slice(0, 6).includes('\0'))
    throw new ParseError(1, '', 'files cannot contain NULL bytes; probably using UTF-16; TOML files must be UTF-8')
  const p = new Parser(data)
  p.parse()
  return toValue(p.mapping) as GoMap
}

export { ParseError as TomlParseError }

import * as E from 'fp-ts/Either'
import { formatFloat } from '../../go/Strconv'
import { type GoMap, type Value, GoComplex, GoInt, compareBytes, isGoMap, isGoStruct, isNil } from '../../go/Value'
import { chargeNode, checkNesting } from '../../go/Budget'
import { parseToml, TomlParseError } from './TomlParse'

/**
 * TOML as Helm's toToml/fromToml give it (BurntSushi/toml): plain keys first, then tables and arrays of
 * tables, keys in byte order, nested tables indented two spaces per level, nil values skipped.
 */

class TomlError extends Error {}

const BARE = /^[A-Za-z0-9_-]+$/

const quoted = (s: string): string => {
  let out = '"'
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    if (ch === '"') out += '\\"'
    else if (ch === '\\') out += '\\\\'
    else if (c === 0x08) out += '\\b'
    else if (c === 0x09) out += '\\t'
    else if (c === 0x0a) out += '\\n'
    else if (c === 0x0c) out += '\\f'
    else if (c === 0x0d) out += '\\r'
    else if (c < 0x20 || c === 0x7f) out += '\\u' + c.toString(16).padStart(4, '0')
    else out += ch
  }
  return out + '"'
}

const keyText = (k: string): string => (BARE.test(k) ? k : quoted(k))

const float = (f: number): string => {
  if (Number.isNaN(f)) return 'nan'
  if (!Number.isFinite(f)) return f > 0 ? 'inf' : '-inf'
  const s = formatFloat(f, 'g', -1)
  return /[.eE]/.test(s) ? s : s + '.0'
}

// BurntSushi's isTableArray refuses a nil element in any array it classifies
const isTableArray = (v: Value): boolean => {
  if (!Array.isArray(v) || v.length === 0) return false
  if (v.some(isNil)) throw new TomlError('toml: cannot encode array with nil element')
  return v.every(isGoMap)
}
const isTable = (v: Value): boolean => isGoMap(v) || isTableArray(v)

const element = (v: Value, depth = 0): string => {
  chargeNode()
  checkNesting(depth)
  if (isNil(v)) throw new TomlError('toml: cannot encode array with nil element')
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false'
    case 'string':
      return quoted(v)
    case 'number':
      return float(v)
  }
  if (v instanceof GoInt) return v.value.toString()
  if (v instanceof Uint8Array) return quoted(Buffer.from(v).toString('utf8'))
  if (Array.isArray(v)) return '[' + v.map((x) => element(x, depth + 1)).join(', ') + ']'
  // BurntSushi/toml's text for a kind it has no encoding for
  if (v instanceof GoComplex) throw new TomlError('unsupported type: complex128')
  if (isGoStruct(v) || typeof v === 'function') throw new TomlError(`toml: cannot encode a value of type ${typeof v}`)
  // an inline table writes ", " after every direct key but the last, even when later keys are nil and skipped
  const keys = Object.keys(v).sort(compareBytes)
  const direct = keys.filter((k) => !isTable(v[k]))
  const sub = keys.filter((k) => isTable(v[k]))
  let out = '{'
  const write = (list: string[], trail: boolean): void =>
    list.forEach((k, i) => {
      if (isNil(v[k])) return
      out += `${keyText(k)} = ${element(v[k], depth + 1)}`
      if (trail || i !== list.length - 1) out += ', '
    })
  write(direct, sub.length > 0)
  write(sub, false)
  return out + '}'
}

class Encoder {
  out = ''
  newline(): void {
    if (this.out !== '') this.out += '\n'
  }
  indent(key: ReadonlyArray<string>): string {
    return '  '.repeat(Math.max(key.length - 1, 0))
  }
  encode(key: ReadonlyArray<string>, v: Value): void {
    checkNesting(key.length)
    if (isNil(v)) return
    if (isGoMap(v)) return this.table(key, v)
    if (isTableArray(v) && key.length > 0) {
      for (const t of v as Value[]) {
        if (isNil(t)) continue
        this.newline()
        this.out += `${this.indent(key)}[[${key.map(keyText).join('.')}]]`
        this.newline()
        this.map(key, t as GoMap)
      }
      return
    }
    if (key.length === 0) {
      this.out += element(v, key.length)
      return
    }
    this.out += `${this.indent(key)}${keyText(key[key.length - 1])} = ${element(v, key.length)}`
    this.newline()
  }
  table(key: ReadonlyArray<string>, m: GoMap): void {
    if (key.length === 1) this.newline()
    if (key.length > 0) {
      this.out += `${this.indent(key)}[${key.map(keyText).join('.')}]`
      this.newline()
    }
    this.map(key, m)
  }
  map(key: ReadonlyArray<string>, m: GoMap): void {
    const keys = Object.keys(m).sort(compareBytes)
    for (const k of keys.filter((x) => !isTable(m[x]))) this.encode([...key, k], m[k])
    for (const k of keys.filter((x) => isTable(m[x]))) this.encode([...key, k], m[k])
  }
}

/** The TOML text of a value; Left is the encoder's error text (Helm's toToml returns it as the result). */
export const toToml = (v: Value): E.Either<string, string> => {
  try {
    const e = new Encoder()
    e.encode([], v)
    return E.right(e.out)
  } catch (err) {
    if (err instanceof TomlError) return E.left(err.message)
    throw err
  }
}

/** Parses TOML into Go values as Helm's fromToml does; Left is BurntSushi/toml's error text. */
export const fromToml = (text: string): E.Either<string, GoMap> => {
  try {
    return E.right(parseToml(text))
  } catch (err) {
    if (err instanceof TomlParseError) return E.left(err.message)
    throw err
  }
}

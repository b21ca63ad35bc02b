// JSON as Go's encoding/json reads and writes a Helm 3/4 release record. The reader keeps what float64 cannot
// hold: Helm writes the int64 of a `--set n=9007199254740993` as those digits, and a record must be written
// back as it was read.
import { marshalJson } from '../../template/helm/json'
import { GoInt, type Value } from '../../go/Value'

const INT64_MAX = 9223372036854775807n
const INT64_MIN = -9223372036854775808n

/** A JSON number literal as a Go value: a float64 unless only an int64 gives its digits back. */
const numberOf = (lit: string): Value => {
  if (lit === '-0') return -0
  const n = Number(lit)
  if (String(n) === lit || !/^-?\d+$/.test(lit)) return n
  const b = BigInt(lit)
  return b >= INT64_MIN && b <= INT64_MAX ? new GoInt(b, 'int64') : n
}

const ESC: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
}

/**
 * Parses JSON text into Go values (objects as plain maps, `__proto__` an ordinary key; numbers per `numberOf`).
 * Throws an Error naming the offset of the first syntax error, or when nesting exceeds `maxDepth`.
 */
export const readJson = (text: string, maxDepth = 1000): Value => {
  let i = 0
  const fail = (what: string): never => {
    throw new Error(`invalid JSON at offset ${i}: ${what}`)
  }
  const ws = (): void => {
    for (let c = text.charCodeAt(i); c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d; c = text.charCodeAt(++i));
  }
  const string = (): string => {
    i++
    let out = ''
    let start = i
    for (;;) {
      if (i >= text.length) fail('unterminated string')
      const c = text.charCodeAt(i)
      if (c === 0x22) {
        out += text.slice(start, i++)
        return out
      }
      if (c < 0x20) fail('control character in string')
      if (c !== 0x5c) {
        i++
        continue
      }
      out += text.slice(start, i)
      const e = text[i + 1] ?? ''
      if (e === 'u') {
        const hex = text.slice(i + 2, i + 6)
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape')
        out += String.fromCharCode(parseInt(hex, 16))
        i += 6
      } else {
        const r = ESC[e]
        if (r === undefined) fail('bad escape')
        out += r
        i += 2
      }
      start = i
    }
  }
  const value = (depth: number): Value => {
    if (depth > maxDepth) fail(`nesting deeper than ${maxDepth}`)
    ws()
    const c = text[i]
    if (c === '{') {
      i++
      const out: Record<string, Value> = {}
      ws()
      if (text[i] === '}') {
        i++
        return out
      }
      for (;;) {
        ws()
        if (text[i] !== '"') fail('object key expected')
        const k = string()
        ws()
        if (text[i++] !== ':') fail('":" expected')
        Object.defineProperty(out, k, { value: value(depth + 1), enumerable: true, writable: true, configurable: true })
        ws()
        const sep = text[i++]
        if (sep === '}') return out
        if (sep !== ',') fail('"," or "}" expected')
      }
    }
    if (c === '[') {
      i++
      const out: Value[] = []
      ws()
      if (text[i] === ']') {
        i++
        return out
      }
      for (;;) {
        out.push(value(depth + 1))
        ws()
        const sep = text[i++]
        if (sep === ']') return out
        if (sep !== ',') fail('"," or "]" expected')
      }
    }
    if (c === '"') return string()
    for (const [lit, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const)
      if (text.startsWith(lit, i)) {
        i += lit.length
        return v
      }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400))
    if (m === null) return fail('value expected')
    i += m[0].length
    return numberOf(m[0])
  }
  const v = value(0)
  ws()
  if (i < text.length) fail('trailing data')
  return v
}

/** `json.Marshal` of a Go value (HTML-escaped strings, map keys in byte order, []byte as base64). */
export const jsonOf = (v: Value): string => marshalJson(v)

/**
 * A Go struct as `json.Marshal` writes it: the fields in declaration order, those `undefined` left out (the
 * caller applies each field's omitempty/omitzero rule). Values are JSON texts.
 */
export const jsonStruct = (fields: ReadonlyArray<readonly [string, string | undefined]>): string =>
  `{${fields
    .filter((f): f is readonly [string, string] => f[1] !== undefined)
    .map(([k, v]) => `${marshalJson(k)}:${v}`)
    .join(',')}}`

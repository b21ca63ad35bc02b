import { toYamlString } from '../../domain/yaml/Write'

/**
 * Go's encoding/json as Helm v2.17 (built with Go 1.14) writes `-o json`: structs as objects with their
 * fields in declaration order (an undefined field is one `omitempty` left out), maps with sorted keys,
 * `<`, `>`, `&`, U+2028 and U+2029 escaped, control characters as `\u00XX` except `\n`, `\r`, `\t`
 * (Go 1.22 added `\b` and `\f`), lone surrogates as U+FFFD. `-o yaml` is ghodss/yaml: that JSON read back
 * and written by yaml.v2 (keys sorted).
 */

const jsonString = (s: string): string => {
  let out = '"'
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 0x22) out += '\\"'
    else if (c === 0x5c) out += '\\\\'
    else if (c === 0x0a) out += '\\n'
    else if (c === 0x0d) out += '\\r'
    else if (c === 0x09) out += '\\t'
    else if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26) out += `\\u00${c.toString(16).padStart(2, '0')}`
    else if (c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16)}`
    else if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1)
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += s.slice(i, i + 2)
        i++
      } else out += '\ufffd'
    } else out += s[i]
  }
  return `${out}"`
}

/** A Go map (`map[string]...`): encoded with its keys sorted, unlike a struct. */
export class GoMap {
  constructor(readonly entries: Readonly<Record<string, unknown>>) {}
}

/** json.Marshal of a value: plain objects are structs (field order kept), `GoMap`s maps, null a nil pointer/slice. */
export const goJson = (v: unknown): string => {
  if (v === null || v === undefined) return 'null'
  if (typeof v === 'string') return jsonString(v)
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null'
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  if (typeof v === 'bigint') return v.toString()
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`
  if (v instanceof GoMap) {
    const keys = Object.keys(v.entries).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)) as number)
    return `{${keys.map((k) => `${jsonString(k)}:${goJson(mapValue(v.entries[k]))}`).join(',')}}`
  }
  const fields = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined)
  return `{${fields.map(([k, x]) => `${jsonString(k)}:${goJson(x)}`).join(',')}}`
}

// values decoded from YAML: nested objects are maps too
const mapValue = (v: unknown): unknown =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof GoMap)
    ? new GoMap(v as Record<string, unknown>)
    : Array.isArray(v)
      ? v.map(mapValue)
      : v

/** ghodss/yaml `Marshal`: the value's JSON, written as YAML by yaml.v2. */
export const ghodssYaml = (v: unknown): string =>
  toYamlString(JSON.parse(goJson(v)) as import('../../domain/go/Value').Value)

/** A `-o json|yaml` rendering of `v` as Helm v2's encodeJSON (Encoder: JSON + "\n") and encodeYAML (YAML + "\n"). */
export const encodeOutput = (v: unknown, format: 'json' | 'yaml'): string =>
  format === 'json' ? `${goJson(v)}\n` : `${ghodssYaml(v)}\n`

/**
 * How yaml.v2 (the emitter behind sigs.k8s.io/yaml, hence Helm's `toYaml`) chooses the style of a
 * string scalar: plain, 'single', "double" or a | literal block.
 */

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal'

// yaml.v2 resolve(): the plain scalars that would read back as something other than a string.
const RESOLVE_MAP = new Set([
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'true',
  'True',
  'TRUE',
  'on',
  'On',
  'ON',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'false',
  'False',
  'FALSE',
  'off',
  'Off',
  'OFF',
  '',
  '~',
  'null',
  'Null',
  'NULL',
  '.nan',
  '.NaN',
  '.NAN',
  '.inf',
  '.Inf',
  '.INF',
  '+.inf',
  '+.Inf',
  '+.INF',
  '-.inf',
  '-.Inf',
  '-.INF',
])
const INT_SYNTAX = /^[+-]?(?:0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/
const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/
const DOT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/
// yaml.v2's timestamp layouts: "2006-1-2T15:4:5.999999999Z07:00" (T or t), "2006-1-2 15:4:5.999999999", "2006-1-2"
const TIMESTAMP =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?(?:Z|[+-]\d\d:\d\d))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?))?$/

const INT64_MIN = -(2n ** 63n)
const UINT64_MAX = 2n ** 64n - 1n

const parseGoInt = (s: string): bigint | undefined => {
  if (!INT_SYNTAX.test(s)) return undefined
  const neg = s[0] === '-'
  const body = s[0] === '-' || s[0] === '+' ? s.slice(1) : s
  const oct = body.length > 1 && body[0] === '0' && /^[0-7]+$/.test(body.slice(1))
  const n = BigInt(oct ? '0o' + body.slice(1) : body)
  return neg ? -n : n
}

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate()

const isTimestamp = (s: string): boolean => {
  const m = TIMESTAMP.exec(s)
  if (m === null) return false
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return false
  const h = m[4] ?? m[7]
  if (h === undefined) return true
  const mi = m[5] ?? m[8]
  const se = m[6] ?? m[9]
  return Number(h) < 24 && Number(mi) < 60 && Number(se) < 60
}

const isNumber = (s: string): boolean => {
  const plain = s.includes('_') ? s.replace(/_/g, '') : s
  const i = parseGoInt(plain)
  if (i !== undefined && ((i >= INT64_MIN && i <= -INT64_MIN - 1n) || (i >= 0n && i <= UINT64_MAX && plain[0] !== '+')))
    return true
  return YAML_STYLE_FLOAT.test(plain) && Number.isFinite(Number(plain))
}

/** Whether yaml.v2 would read the plain scalar `s` back as a string (and not as a base-60 float). */
export const resolvesToString = (s: string): boolean => {
  if (s.length === 0) return false
  const c = s.charCodeAt(0)
  if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d) {
    if (RESOLVE_MAP.has(s)) return false
    if (isTimestamp(s) || isNumber(s)) return false
    return !BASE60_FLOAT.test(s)
  }
  if (c === 0x2e) return !RESOLVE_MAP.has(s) && !(DOT_FLOAT.test(s) && Number.isFinite(Number(s)))
  if ('yYnNtTfFoO~'.includes(s[0])) return !RESOLVE_MAP.has(s)
  return true
}

/** yaml.v2 `is_printable` on one code point (tabs, C1 controls, BOM-like and non-BMP characters are not). */
export const isYamlPrintable = (cp: number): boolean =>
  cp === 0x0a ||
  (cp >= 0x20 && cp <= 0x7e) ||
  (cp >= 0xa0 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)

/** yaml.v2 `is_break`: LF, CR, NEL, LS, PS. */
export const isYamlBreak = (cp: number): boolean =>
  cp === 0x0a || cp === 0x0d || cp === 0x85 || cp === 0x2028 || cp === 0x2029

/** What yaml.v2's `analyze_scalar` learns about a string, reduced to what style selection needs. */
interface Analysis {
  readonly multiline: boolean
  readonly blockPlainAllowed: boolean
  readonly singleQuotedAllowed: boolean
  readonly blockAllowed: boolean
}

const SIMPLE = /^[A-Za-z_/][A-Za-z0-9_./-]*$/

const analyze = (s: string, v3: boolean): Analysis => {
  if (s.length === 0)
    return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false }
  let blockIndicators = s.startsWith('---') || s.startsWith('...')
  let lineBreaks = false
  let special = false
  let tabs = false
  let leadingSpace = false
  let leadingBreak = false
  let trailingSpace = false
  let trailingBreak = false
  let breakSpace = false
  let spaceBreak = false
  let precededByWs = true
  let previousSpace = false
  let previousBreak = false
  const n = s.length
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i)
    const next = i + 1 < n ? s.charCodeAt(i + 1) : -1
    const followedByWs = next === -1 || next === 0x20 || next === 0x09
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(s[0])) blockIndicators = true
      else if ((c === 0x3f || c === 0x3a || c === 0x2d) && followedByWs) blockIndicators = true
    } else if (c === 0x3a && followedByWs) blockIndicators = true
    else if (c === 0x23 && precededByWs) blockIndicators = true
    let cp = c
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff)
      cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00)
    // yaml.v3 lets tabs into block scalars (never into plain or single-quoted ones)
    if (v3 && c === 0x09) tabs = true
    else if (!isYamlPrintable(cp)) special = true
    const last = i + (cp > 0xffff ? 2 : 1) === n
    if (c === 0x20) {
      if (i === 0) leadingSpace = true
      if (last) trailingSpace = true
      if (previousBreak) breakSpace = true
      previousSpace = true
      previousBreak = false
    } else if (isYamlBreak(c)) {
      lineBreaks = true
      if (i === 0) leadingBreak = true
      if (last) trailingBreak = true
      if (previousSpace) spaceBreak = true
      previousSpace = false
      previousBreak = true
    } else {
      previousSpace = false
      previousBreak = false
    }
    precededByWs = c === 0x20 || c === 0x09 || isYamlBreak(c)
    if (cp > 0xffff) i++
  }
  let blockPlain = true
  let single = true
  let block = true
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlain = false
  if (trailingSpace) block = false
  if (breakSpace) blockPlain = single = false
  if (spaceBreak || special) blockPlain = single = block = false
  if (tabs) blockPlain = single = false
  if (lineBreaks || blockIndicators) blockPlain = false
  return { multiline: lineBreaks, blockPlainAllowed: blockPlain, singleQuotedAllowed: single, blockAllowed: block }
}

/**
 * The style yaml.v2 gives the string `s` (Marshal's `stringv` then the emitter's `select_scalar_style`),
 * as a value (`simpleKey` false) or as a simple mapping key; also whether it spans lines (a multi-line
 * key cannot be a simple key).
 */
export const stringStyle = (
  s: string,
  simpleKey: boolean,
  v3 = false,
): { readonly style: ScalarStyle; readonly multiline: boolean } => {
  if (SIMPLE.test(s) && resolvesToString(s)) return { style: 'plain', multiline: false }
  const a = analyze(s, v3)
  let style: ScalarStyle = s.includes('\n')
    ? 'literal'
    : resolvesToString(s) && !BASE60_FLOAT.test(s)
      ? 'plain'
      : 'double'
  if (simpleKey && a.multiline) style = 'double'
  if (style === 'plain' && !a.blockPlainAllowed) style = 'single'
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double'
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double'
  return { style, multiline: a.multiline }
}

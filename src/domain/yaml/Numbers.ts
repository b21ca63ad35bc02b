import type { ScalarTag } from 'yaml'

const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n
const UINT64_MAX = 2n ** 64n - 1n

// yaml.v2's resolve(): strip every `_`, try strconv.ParseInt(s, 0, 64) (0x, 0o, 0b, leading-0 octal),
// then ParseUint, then its float regexp, then a `0b`/`-0b` binary; anything else stays a string.
const goInt = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/
const goFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/

const parseGoInt = (sign: string, body: string): bigint => {
  const lower = body.toLowerCase()
  const n =
    lower.startsWith('0x') || lower.startsWith('0b')
      ? BigInt(lower)
      : lower.startsWith('0o')
        ? BigInt(`0o${lower.slice(2)}`)
        : lower.length > 1 && lower.startsWith('0')
          ? BigInt(`0o${lower.slice(1)}`)
          : BigInt(lower)
  return sign === '-' ? -n : n
}

/**
 * Resolves a plain scalar that starts like a number the way yaml.v2 does; returns a bigint (int),
 * a number (float) or the text itself when yaml.v2 would keep it a string (e.g. `.`, `1:20`, `08.1.2`).
 */
export const resolveYamlV2Number = (text: string): bigint | number | string => {
  const plain = text.replace(/_/g, '')
  const m = goInt.exec(plain)
  if (m) {
    const n = parseGoInt(m[1] ?? '', m[2] ?? '')
    if (n >= INT64_MIN && n <= INT64_MAX) return n
    if (m[1] !== '-' && n <= UINT64_MAX) return n
  }
  if (goFloat.test(plain)) return parseFloat(plain)
  return text
}

/**
 * A `yaml` package tag replacing the YAML 1.1 int and float tags with yaml.v2's number rules
 * (`.inf`/`.nan` keep their own tag).
 */
export const yamlV2NumberTag: ScalarTag = {
  identify: (v) => typeof v === 'number' || typeof v === 'bigint',
  default: true,
  tag: 'tag:yaml.org,2002:int',
  test: /^(?![-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$)[-+.0-9][-+._0-9a-zA-Z:]*$/,
  resolve: (str, _onError, opts) => {
    const v = resolveYamlV2Number(str)
    return typeof v === 'bigint' && !opts.intAsBigInt ? Number(v) : v
  },
}

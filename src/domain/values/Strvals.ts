import * as E from 'fp-ts/Either'
import type { ValuesError } from './ValuesError'
import { type GoMap, type Value, int64 } from '../go/Value'
import { deepCopy, mergeMaps } from './MergeMaps'
import { type RunesReader, StrvalsFailure, StrvalsParser, type ValueMode, finite } from './StrvalsParser'
import { type SetFlag, invalidSetData, invalidSetJson } from './ValuesError'
import { nestedTooDeep } from '../yaml/Depth'

/** Reads a file for `--set-file`: its text, or Left with the reason Helm prints (`open x: no such file or directory`). */
export type SetFileReader = (path: string) => E.Either<string, string>

const INT64_MAX = 9223372036854775807n
const INT64_MIN = -9223372036854775808n

/**
 * Helm's `typedVal`: `true`/`false` (any case) → bool, `null` (any case) → nil, `0` → int64 0, a base-10
 * integer that does not start with `0` (a sign is allowed: `+5`) and fits int64 → int64, anything else
 * (`1.5`, `1e3`, `007`, `1_000`, beyond int64) → the string itself.
 */
export const typedValue = (s: string): Value => {
  const lower = s.toLowerCase()
  if (lower === 'true') return true
  if (lower === 'false') return false
  if (lower === 'null') return null
  if (s === '0') return int64(0)
  if (s.length > 0 && s[0] !== '0' && /^[+-]?\d+$/.test(s)) {
    const n = BigInt(s)
    if (n >= INT64_MIN && n <= INT64_MAX) return int64(n)
  }
  return s
}

const run = (
  flag: SetFlag,
  expr: string,
  base: GoMap,
  reader: RunesReader,
  mode: ValueMode,
): E.Either<ValuesError, GoMap> => {
  const data = deepCopy(base)
  try {
    new StrvalsParser(expr, data, reader, mode).parse()
    return E.right(data)
  } catch (e) {
    if (!(e instanceof StrvalsFailure)) throw e
    return E.left(flag === 'set-json' ? invalidSetJson(expr, false) : invalidSetData(flag, e.message))
  }
}

/**
 * Parses one `--set` expression (`a.b=c,list={x,y},l[0].k=1`, `\,` `\.` `\=` `\\` escapes) over a copy
 * of `base` and returns the result; values are typed as `typedValue` says. Fails with InvalidSetData
 * (`failed parsing --set data: key "x" has no value`, ...). `base` is not changed.
 */
export const parseSet = (expr: string, base: GoMap = {}): E.Either<ValuesError, GoMap> =>
  run('set', expr, base, typedValue, 'plain')

/** `--set-string`: as `parseSet` but every value stays a string. Fails with InvalidSetData. */
export const parseSetString = (expr: string, base: GoMap = {}): E.Either<ValuesError, GoMap> =>
  run('set-string', expr, base, (s) => s, 'plain')

/**
 * `--set-file key=path`: as `parseSet` but each value is the text of the file it names, read with `readFile`.
 * Fails with InvalidSetData (`failed parsing --set-file data: open x: no such file or directory`).
 */
export const parseSetFile = (expr: string, readFile: SetFileReader, base: GoMap = {}): E.Either<ValuesError, GoMap> =>
  run(
    'set-file',
    expr,
    base,
    (path) => {
      const r = readFile(path)
      if (E.isLeft(r)) throw new StrvalsFailure(r.left)
      return r.right
    },
    'plain',
  )

/**
 * `--set-json`: either a whole JSON object (merged over `base` with `mergeMaps`) or `key=<json>` pairs,
 * comma-separated; an empty value sets nil. JSON numbers are float64. Fails with InvalidSetJson
 * (Helm 4 prints `failed parsing --set-json data <expr>`, without the decoder's reason).
 */
export const parseSetJson = (expr: string, base: GoMap = {}): E.Either<ValuesError, GoMap> => {
  const trimmed = expr.trim()
  if (trimmed.startsWith('{')) {
    try {
      const v = JSON.parse(trimmed) as Value
      if (v === null || typeof v !== 'object' || Array.isArray(v) || nestedTooDeep(v) || !finite(v))
        return E.left(invalidSetJson(expr, true))
      return E.right(mergeMaps(base, v as GoMap))
    } catch {
      return E.left(invalidSetJson(expr, true))
    }
  }
  return run('set-json', expr, base, (s) => s, 'json')
}

/**
 * `--set-literal key=value`: the value is everything after the first `=` of the innermost key, unparsed
 * (commas, braces and backslashes included); keys still nest with `.` and `[i]`. Fails with InvalidSetData.
 */
export const parseSetLiteral = (expr: string, base: GoMap = {}): E.Either<ValuesError, GoMap> =>
  run('set-literal', expr, base, (s) => s, 'literal')

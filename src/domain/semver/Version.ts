import * as E from 'fp-ts/Either'
import { invalidVersion, type SemverError } from './SemverError'

/**
 * A semantic version as Masterminds/semver v3.4 (what Helm 4 and Sprig use) reads it: `v` prefix and missing
 * minor/patch allowed, segments are uint64, build metadata kept but ignored by comparisons.
 */
export interface Version {
  readonly major: bigint
  readonly minor: bigint
  readonly patch: bigint
  readonly prerelease: string
  readonly metadata: string
  readonly original: string
}

const UINT64_MAX = 18446744073709551615n
const NUM = /^[0-9]+$/
const ALLOWED = /^[0-9A-Za-z-]+$/

// Masterminds' loose regexp (NewVersion with CoerceNewVersion on, its default): anchored, no trimming
const LOOSE =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/

/** Go's strconv.ParseUint(s, 10, 64) error text, or the value. */
const parseUint = (s: string): bigint | string => {
  const n = BigInt(s)
  return n > UINT64_MAX ? `strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range` : n
}

const validatePrerelease = (p: string): string | undefined => {
  for (const part of p.split('.')) {
    if (part === '') return 'invalid prerelease string'
    if (NUM.test(part)) {
      if (part.length > 1 && part[0] === '0') return 'version segment starts with 0'
    } else if (!ALLOWED.test(part)) return 'invalid prerelease string'
  }
  return undefined
}

const validateMetadata = (m: string): string | undefined =>
  m.split('.').some((part) => part === '' || !ALLOWED.test(part)) ? 'invalid metadata string' : undefined

/** Masterminds `NewVersion`: the version, or Go's error text (`invalid semantic version`, ...). */
export const newVersion = (s: string): Version | string => {
  const m = LOOSE.exec(s)
  if (m === null) return 'invalid semantic version'
  const segments: bigint[] = []
  for (const text of [m[1], m[2]?.slice(1), m[3]?.slice(1)]) {
    if (text === undefined) {
      segments.push(0n)
      continue
    }
    const n = parseUint(text)
    if (typeof n === 'string') return `error parsing version segment: ${n}`
    segments.push(n)
  }
  const prerelease = m[5] ?? ''
  const metadata = m[8] ?? ''
  const bad =
    (prerelease !== '' ? validatePrerelease(prerelease) : undefined) ??
    (metadata !== '' ? validateMetadata(metadata) : undefined)
  if (bad !== undefined) return bad
  return { major: segments[0]!, minor: segments[1]!, patch: segments[2]!, prerelease, metadata, original: s }
}

/** Masterminds `StrictNewVersion`: exactly `MAJOR.MINOR.PATCH[-PRE][+META]`, no `v`, no leading zeros. */
export const strictNewVersion = (v: string): Version | string => {
  if (v === '') return 'version string empty'
  const parts = v.split('.')
  if (parts.length < 3) return 'invalid semantic version'
  const head = [parts[0]!, parts[1]!, parts.slice(2).join('.')]
  let metadata = ''
  let prerelease = ''
  const plus = head[2]!.indexOf('+')
  if (plus >= 0) {
    metadata = head[2]!.slice(plus + 1)
    head[2] = head[2]!.slice(0, plus)
    const bad = validateMetadata(metadata)
    if (bad !== undefined) return bad
  }
  const dash = head[2]!.indexOf('-')
  if (dash >= 0) {
    prerelease = head[2]!.slice(dash + 1)
    head[2] = head[2]!.slice(0, dash)
    const bad = validatePrerelease(prerelease)
    if (bad !== undefined) return bad
  }
  const segments: bigint[] = []
  for (const p of head) {
    if (!/^[0-9]*$/.test(p)) return 'invalid characters in version'
    if (p.length > 1 && p[0] === '0') return 'version segment starts with 0'
    if (p === '') return 'strconv.ParseUint: parsing "": invalid syntax'
    const n = parseUint(p)
    if (typeof n === 'string') return n
    segments.push(n)
  }
  return { major: segments[0]!, minor: segments[1]!, patch: segments[2]!, prerelease, metadata, original: v }
}

/** Parses a version as Masterminds `NewVersion` does; Left InvalidVersion (with Go's reason) when it is not one. */
export const parseVersion = (s: string): E.Either<SemverError, Version> => {
  const v = newVersion(s)
  return typeof v === 'string' ? E.left(invalidVersion(s, v)) : E.right(v)
}

/** The version, or undefined when it does not parse (for sorting code that keeps unparsable versions). */
export const versionOrUndefined = (s: string): Version | undefined => {
  const v = newVersion(s)
  return typeof v === 'string' ? undefined : v
}

const cmp = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0)

// Masterminds comparePrePart: an identifier that ParseUint accepts is numeric (so one beyond uint64 is not),
// numeric ones sort before the others; a missing identifier sorts first.
const comparePrePart = (s: string, o: string): number => {
  if (s === o) return 0
  if (s === '') return -1
  if (o === '') return 1
  const sn = NUM.test(s) && BigInt(s) <= UINT64_MAX
  const on = NUM.test(o) && BigInt(o) <= UINT64_MAX
  if (!sn && !on) return s > o ? 1 : -1
  if (!on) return -1
  if (!sn) return 1
  return BigInt(s) > BigInt(o) ? 1 : -1
}

const comparePrerelease = (a: string, b: string): number => {
  const pa = a.split('.')
  const pb = b.split('.')
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = comparePrePart(pa[i] ?? '', pb[i] ?? '')
    if (d !== 0) return d
  }
  return 0
}

/** -1, 0 or 1 by SemVer precedence (build metadata ignored), as Masterminds `Compare`. */
export const compareVersions = (a: Version, b: Version): number => {
  const d = cmp(a.major, b.major) || cmp(a.minor, b.minor) || cmp(a.patch, b.patch)
  if (d !== 0) return d
  if (a.prerelease === '' && b.prerelease === '') return 0
  if (a.prerelease === '') return 1
  if (b.prerelease === '') return -1
  return comparePrerelease(a.prerelease, b.prerelease)
}

/** Masterminds `String`: `MAJOR.MINOR.PATCH[-PRE][+META]` (no `v`). */
export const versionString = (v: Version): string =>
  `${v.major}.${v.minor}.${v.patch}${v.prerelease === '' ? '' : `-${v.prerelease}`}${v.metadata === '' ? '' : `+${v.metadata}`}`

/**
 * Compares two version strings newest-first as Helm sorts index entries: parsable versions by
 * precedence, unparsable ones after them (in their original order).
 */
export const compareVersionStringsDesc = (a: string, b: string): number => {
  const va = versionOrUndefined(a)
  const vb = versionOrUndefined(b)
  if (va && vb) return -compareVersions(va, vb)
  if (va) return -1
  if (vb) return 1
  return 0
}

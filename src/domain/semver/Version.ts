import * as E from 'fp-ts/Either'
import { type SemverError, invalidVersion } from './SemverError'

/** A semantic version as Masterminds/semver reads it: `v` prefix, missing minor/patch and build metadata allowed. */
export interface Version {
  readonly major: number
  readonly minor: number
  readonly patch: number
  readonly prerelease: string
  readonly metadata: string
  readonly original: string
}

const VERSION =
  /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/

/** Parses a version leniently (Masterminds `NewVersion`); Left InvalidVersion when it is not one. */
export const parseVersion = (s: string): E.Either<SemverError, Version> => {
  const m = VERSION.exec(s.trim())
  if (!m) return E.left(invalidVersion(s))
  return E.right({
    major: Number(m[1]),
    minor: Number(m[2] ?? 0),
    patch: Number(m[3] ?? 0),
    prerelease: m[4] ?? '',
    metadata: m[5] ?? '',
    original: s,
  })
}

/** The version, or undefined when it does not parse (for sorting code that keeps unparsable versions). */
export const versionOrUndefined = (s: string): Version | undefined => {
  const v = parseVersion(s)
  return E.isRight(v) ? v.right : undefined
}

const isNumeric = (s: string): boolean => /^\d+$/.test(s)

const comparePrerelease = (a: string, b: string): number => {
  if (a === b) return 0
  if (a === '') return 1
  if (b === '') return -1
  const pa = a.split('.')
  const pb = b.split('.')
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i]
    const y = pb[i]
    if (x === undefined) return -1
    if (y === undefined) return 1
    if (x === y) continue
    const nx = isNumeric(x)
    const ny = isNumeric(y)
    if (nx && ny) return Number(x) < Number(y) ? -1 : 1
    if (nx) return -1
    if (ny) return 1
    return x < y ? -1 : 1
  }
  return 0
}

/** -1, 0 or 1 by SemVer precedence (build metadata ignored). */
export const compareVersions = (a: Version, b: Version): number => {
  if (a.major !== b.major) return a.major < b.major ? -1 : 1
  if (a.minor !== b.minor) return a.minor < b.minor ? -1 : 1
  if (a.patch !== b.patch) return a.patch < b.patch ? -1 : 1
  return comparePrerelease(a.prerelease, b.prerelease)
}

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

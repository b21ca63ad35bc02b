import { gitCommit, gitTreeState } from './Build'

/** A version as Masterminds/semver v1.5 (Helm v2's) reads it: `v` optional, minor and patch default to 0. */
interface LooseVersion {
  readonly major: bigint
  readonly minor: bigint
  readonly patch: bigint
  readonly pre: string
}

const INT64_MAX = (1n << 63n) - 1n
const LOOSE =
  /^v?([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/

// Masterminds v1 NewVersion: a segment that does not fit an int64 is a parse error.
const parseLoose = (text: string): LooseVersion | undefined => {
  const m = LOOSE.exec(text)
  if (!m) return undefined
  const [major, minor, patch] = [m[1]!, m[2] ?? '0', m[3] ?? '0'].map((s) => BigInt(s))
  if (major! > INT64_MAX || minor! > INT64_MAX || patch! > INT64_MAX) return undefined
  return { major: major!, minor: minor!, patch: patch!, pre: m[4] ?? '' }
}

const UINT = /^[0-9]+$/
// Masterminds v1 comparePrePart: numeric identifiers compare as numbers and sort before alphanumeric ones
const comparePrePart = (s: string, o: string): number => {
  if (s === o) return 0
  if (s === '') return o !== '' ? -1 : 1
  if (o === '') return 1
  const sn = UINT.test(s)
  const on = UINT.test(o)
  if (!sn && !on) return s > o ? 1 : -1
  if (!on) return -1
  if (!sn) return 1
  const d = BigInt(s) - BigInt(o)
  return d === 0n ? 0 : d > 0n ? 1 : -1
}

const compare = (a: LooseVersion, b: LooseVersion): number => {
  for (const k of ['major', 'minor', 'patch'] as const) if (a[k] !== b[k]) return a[k] > b[k] ? 1 : -1
  if (a.pre === '' && b.pre === '') return 0
  if (a.pre === '') return 1
  if (b.pre === '') return -1
  const ap = a.pre.split('.')
  const bp = b.pre.split('.')
  for (let i = 0; i < Math.max(ap.length, bp.length); i++) {
    const d = comparePrePart(ap[i] ?? '', bp[i] ?? '')
    if (d !== 0) return d
  }
  return 0
}

/**
 * The version Tiller reports (GetVersion) and checks Chart.yaml `tillerVersion` constraints against; the commit
 * and tree state are the build's (empty when run from source or built without git).
 */
export const tillerVersion = { semVer: 'v2.17.0', gitCommit, gitTreeState } as const

const unreleased = (v: string): boolean => v.endsWith('unreleased')

/**
 * Helm v2's `version.IsCompatible` for the `x-helm-api-client` header: true when either side is an
 * "unreleased" build; else, when either is a pre-release, only the client's exact version (build metadata
 * ignored); else the server must match `^CLIENT_MAJOR.CLIENT_MINOR.x` (Masterminds v1 caret: same major, not
 * older than the client's minor), so v2.0.0 … v2.17.x clients reach a v2.17.0 Tiller and v2.18.0 or v3 do not.
 * A missing or unparsable version is incompatible.
 */
export const isCompatible = (client: string, server: string): boolean => {
  if (unreleased(client) || unreleased(server)) return true
  const cv = parseLoose(client)
  const sv = parseLoose(server)
  if (cv === undefined || sv === undefined) return false
  if (cv.pre !== '' || sv.pre !== '') return compare(sv, cv) === 0
  return sv.major === cv.major && compare(sv, { major: cv.major, minor: cv.minor, patch: 0n, pre: '' }) >= 0
}

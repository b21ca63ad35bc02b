// Masterminds/semver v1.5.0, the semver Helm v2.17 was built with (glide.lock 805c489): Tiller's client version
// check and its Chart.yaml `tillerVersion` / `kubeVersion` checks (pkg/version/compatible.go) read versions and
// constraints with it. Helm 4's Masterminds v3.4 is ./Version and ./Constraint; v1 differs from it in corner
// cases: `,` alone joins comparators (a space is an error), a prerelease version fails each comparator without a
// prerelease (not per group), `^0.x` has no zero-major rule, and `<`, `<=`, `!=` read wildcards their own way.

/** A version as Masterminds v1 `NewVersion` reads it: `v` optional, minor and patch default to 0, int64 segments. */
export interface V1Version {
  readonly major: bigint
  readonly minor: bigint
  readonly patch: bigint
  readonly pre: string
}

const INT64_MAX = (1n << 63n) - 1n
const ID = String.raw`[0-9A-Za-z\-]+(?:\.[0-9A-Za-z\-]+)*`
const VERSION = new RegExp(String.raw`^v?([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?(?:-(${ID}))?(?:\+(${ID}))?$`)

/** Masterminds v1 `NewVersion`; undefined where it fails (no match, a segment past int64). */
export const parseV1Version = (text: string): V1Version | undefined => {
  const m = VERSION.exec(text)
  if (!m) return undefined
  const [major, minor, patch] = [m[1]!, m[2] ?? '0', m[3] ?? '0'].map((s) => BigInt(s)) as [bigint, bigint, bigint]
  if (major > INT64_MAX || minor > INT64_MAX || patch > INT64_MAX) return undefined
  return { major, minor, patch, pre: m[4] ?? '' }
}

const UINT = /^[0-9]+$/
// comparePrePart: numeric identifiers compare as numbers and sort before alphanumeric ones
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

/** Masterminds v1 `Compare`: -1, 0 or 1 (metadata ignored). */
export const compareV1 = (a: V1Version, b: V1Version): number => {
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

interface Comparator {
  readonly op: string
  readonly con: V1Version
  readonly dirty: boolean
  readonly minorDirty: boolean
  readonly patchDirty: boolean
}

// v1's regexps, written for Go's RE2: \s is [\t\n\f\r ], the class [0-9|x|X|\*] really admits '|'
const S = String.raw`[\t\n\f\r ]`
const CV = String.raw`v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?`
// Go ranges over the operator map in random order, but every order gives the same matches for these operators
const OPS = String.raw`!=|>=|=>|<=|=<|~>|=|>|<|~|\^|`
const ONE = new RegExp(`^${S}*(${OPS})${S}*(${CV})${S}*$`)
const RANGE = new RegExp(`${S}*(${CV})${S}+-${S}+(${CV})${S}*`, 'g')
const isX = (s: string): boolean => s === 'x' || s === '*' || s === 'X'

// rewriteRange: `A - B` becomes `>= A, <= B`, each match replaced once in turn
const rewriteRange = (text: string): string => {
  let out = text
  for (const m of text.matchAll(RANGE)) out = out.replace(m[0], `>= ${m[1]}, <= ${m[11]}`)
  return out
}

const comparator = (c: string): Comparator | undefined => {
  const m = ONE.exec(c)
  if (m === null) return undefined
  // pre is the prerelease with its '-', as Go's m[6]
  const [, op = '', orig = '', major = '', minor = '', patch = '', pre = ''] = m
  let ver = orig
  let dirty = false
  let minorDirty = false
  let patchDirty = false
  if (isX(major)) {
    ver = '0.0.0'
    dirty = true
  } else if (isX(minor.replace(/^\./, '')) || minor === '') {
    ver = `${major}.0.0${pre}`
    dirty = minorDirty = true
  } else if (isX(patch.replace(/^\./, ''))) {
    ver = `${major}${minor}.0${pre}`
    dirty = patchDirty = true
  }
  const con = parseV1Version(ver)
  return con === undefined ? undefined : { op, con, dirty, minorDirty, patchDirty }
}

/** Masterminds v1 `NewConstraint`: `||` of `,`-joined comparators; undefined where it fails. */
const parseV1Constraint = (text: string): Comparator[][] | undefined => {
  const groups: Comparator[][] = []
  for (const or of rewriteRange(text).split('||')) {
    const group: Comparator[] = []
    for (const s of or.split(',')) {
      const c = comparator(s)
      if (c === undefined) return undefined
      group.push(c)
    }
    groups.push(group)
  }
  return groups
}

const tilde = (v: V1Version, c: Comparator): boolean => {
  if (compareV1(v, c.con) < 0) return false
  if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty) return true
  if (v.major !== c.con.major) return false
  return v.minor === c.con.minor || c.minorDirty
}

// v1's constraint functions: a prerelease version fails any comparator whose version has none ("issue 21")
const check = (v: V1Version, c: Comparator): boolean => {
  if (v.pre !== '' && c.con.pre === '') return false
  const d = compareV1(v, c.con)
  switch (c.op) {
    case '':
    case '=':
      return c.dirty ? tilde(v, c) : d === 0
    case '!=':
      if (!c.dirty) return d !== 0
      if (c.con.major !== v.major) return true
      return c.con.minor !== v.minor && !c.minorDirty
    case '>':
      return d > 0
    case '>=':
    case '=>':
      return d >= 0
    case '<':
    case '<=':
    case '=<':
      if (!c.dirty) return c.op === '<' ? d < 0 : d <= 0
      if (v.major > c.con.major) return false
      return !(v.minor > c.con.minor && !c.minorDirty)
    case '~':
    case '~>':
      return tilde(v, c)
    case '^':
      return d >= 0 && v.major === c.con.major
    default:
      return false
  }
}

/**
 * Helm v2's `version.IsCompatibleRange`: true when `version` parses and satisfies `constraint` (both read by
 * Masterminds v1); false in every other case, an unreadable constraint included.
 */
export const isCompatibleRange = (constraint: string, version: string): boolean => {
  const v = parseV1Version(version)
  const groups = parseV1Constraint(constraint)
  return v !== undefined && (groups?.some((g) => g.every((c) => check(v, c))) ?? false)
}

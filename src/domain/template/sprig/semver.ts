import { type GoStruct, type Value, GoError, GoInt, isGoStruct } from '../../go/Value'
import { type FuncMap, str, want } from './args'

/** A version as Masterminds/semver v3 parses it (`v` prefix, missing minor/patch are 0). */
interface Version {
  readonly major: bigint
  readonly minor: bigint
  readonly patch: bigint
  readonly pre: string
  readonly meta: string
  readonly original: string
}

const VERSION =
  /^v?([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/

const parseVersion = (s: string): Version | undefined => {
  const m = VERSION.exec(s)
  if (m === null) return undefined
  // a numeric prerelease identifier with a leading zero is invalid
  if (m[4]?.split('.').some((p) => /^0[0-9]+$/.test(p))) return undefined
  return {
    major: BigInt(m[1]),
    minor: BigInt(m[2] ?? 0),
    patch: BigInt(m[3] ?? 0),
    pre: m[4] ?? '',
    meta: m[5] ?? '',
    original: s,
  }
}

const cmpNum = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0)

const comparePre = (a: string, b: string): number => {
  if (a === b) return 0
  if (a === '') return 1
  if (b === '') return -1
  const as = a.split('.')
  const bs = b.split('.')
  for (let i = 0; i < Math.max(as.length, bs.length); i++) {
    if (i >= as.length) return -1
    if (i >= bs.length) return 1
    const an = /^[0-9]+$/.test(as[i])
    const bn = /^[0-9]+$/.test(bs[i])
    if (an && bn) {
      const c = cmpNum(BigInt(as[i]), BigInt(bs[i]))
      if (c !== 0) return c
    } else if (an !== bn) return an ? -1 : 1
    else if (as[i] !== bs[i]) return as[i] < bs[i] ? -1 : 1
  }
  return 0
}

/** Semver precedence (metadata ignored). */
export const compareVersions = (a: Version, b: Version): number =>
  cmpNum(a.major, b.major) || cmpNum(a.minor, b.minor) || cmpNum(a.patch, b.patch) || comparePre(a.pre, b.pre)

interface Constraint {
  readonly op: string
  readonly con: Version
  readonly dirty: boolean
  readonly minorDirty: boolean
  readonly patchDirty: boolean
}

const CV = String.raw`v?([0-9xX*]+)(\.[0-9xX*]+)?(\.[0-9xX*]+)?(-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?`
const OPS = String.raw`!=|>=|=>|<=|=<|~>|\^|~|>|<|=|`
const ONE = new RegExp(String.raw`^\s*(${OPS})\s*(${CV})\s*$`)
const FIND = new RegExp(String.raw`(${OPS})\s*(${CV})`, 'g')
const VALID = new RegExp(String.raw`^(\s*(${OPS})\s*(${CV})\s*)((?:\s+|,\s*)(${OPS})\s*(${CV})\s*)*$`)
const RANGE = new RegExp(String.raw`\s*(${CV})\s+-\s+(${CV})\s*`, 'g')

const isX = (s: string | undefined): boolean => s === 'x' || s === 'X' || s === '*'

const parseConstraint = (c: string): Constraint => {
  const m = ONE.exec(c)
  if (m === null) throw new GoError(`improper constraint: ${c}`)
  const [op, whole, maj, min, pat, pre] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '']
  let ver = whole
  let dirty = false
  let minorDirty = false
  let patchDirty = false
  // a missing minor or patch is a wildcard too: ">11" means ">11.x"
  if (isX(maj) || maj === '') {
    ver = `0.0.0${pre}`
    dirty = true
  } else if (min === undefined || isX(min.slice(1))) {
    ver = `${maj}.0.0${pre}`
    dirty = minorDirty = true
  } else if (pat === undefined || isX(pat.slice(1))) {
    ver = `${maj}${min}.0${pre}`
    dirty = patchDirty = true
  }
  const con = parseVersion(ver)
  if (con === undefined) throw new GoError('invalid semantic version')
  return { op, con, dirty, minorDirty, patchDirty }
}

const parseConstraints = (text: string): Constraint[][] => {
  const rewritten = text.replace(RANGE, (_m, a: string, ...rest: string[]) => ` >= ${a}, <= ${rest[7]} `)
  return rewritten.split('||').map((group) => {
    if (!VALID.test(group)) throw new GoError(`improper constraint: ${group}`)
    const found = group.match(FIND) ?? [group]
    return found.map(parseConstraint)
  })
}

const check = (v: Version, c: Constraint): boolean => {
  const cmp = compareVersions(v, c.con)
  // prereleases are screened per group (see satisfies), not per constraint
  switch (c.op) {
    case '':
    case '=':
      return c.dirty ? tilde(v, c, cmp) : cmp === 0
    case '!=':
      if (c.dirty) {
        if (c.con.major !== v.major) return true
        if (c.con.minor !== v.minor && !c.minorDirty) return true
        if (c.minorDirty) return false
        if (c.con.patch !== v.patch && !c.patchDirty) return true
        if (c.patchDirty) return v.pre !== '' || c.con.pre !== '' ? comparePre(v.pre, c.con.pre) !== 0 : false
      }
      return cmp !== 0
    case '>':
      if (!c.dirty) return cmp > 0
      if (v.major !== c.con.major) return v.major > c.con.major
      if (c.minorDirty) return false
      if (c.patchDirty) return v.minor > c.con.minor
      return cmp > 0
    case '<':
      return cmp < 0
    case '>=':
    case '=>':
      return cmp >= 0
    case '<=':
    case '=<':
      if (!c.dirty) return cmp <= 0
      if (v.major > c.con.major) return false
      return !(v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty)
    case '~':
    case '~>':
      return tilde(v, c, cmp)
    case '^':
      return caret(v, c, cmp)
  }
  return false
}

const tilde = (v: Version, c: Constraint, cmp: number): boolean => {
  if (cmp < 0) return false
  if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty) return true
  if (v.major !== c.con.major) return false
  return !(v.minor !== c.con.minor && !c.minorDirty)
}

const caret = (v: Version, c: Constraint, cmp: number): boolean => {
  if (cmp < 0) return false
  if (c.con.major > 0n || c.minorDirty) return v.major === c.con.major
  if (v.major > 0n) return false
  if (c.con.minor > 0n || c.patchDirty) return v.minor === c.con.minor
  if (v.minor > 0n) return false
  return c.con.patch === v.patch
}

/** Masterminds/semver v3 `Constraints.Check`: any `||` group whose constraints (`,` or space) all hold. */
export const satisfies = (constraint: string, version: string): boolean => {
  const groups = parseConstraints(constraint)
  const v = parseVersion(version)
  if (v === undefined) throw new GoError('invalid semantic version')
  // a prerelease version can only satisfy a group in which some constraint names a prerelease
  return groups.some((g) => (v.pre === '' || g.some((c) => c.con.pre !== '')) && g.every((c) => check(v, c)))
}

const versionString = (v: Version): string =>
  `${v.major}.${v.minor}.${v.patch}${v.pre === '' ? '' : '-' + v.pre}${v.meta === '' ? '' : '+' + v.meta}`

const versionOf = (x: Value): Version => {
  if (isGoStruct(x) && x.goType === '*semver.Version') return (x as VersionStruct).version
  throw new GoError(`wrong type for value; expected *semver.Version`)
}

interface VersionStruct extends GoStruct {
  readonly version: Version
}

/** A `*semver.Version` as templates see it: Major/Minor/Patch/Prerelease/Metadata/Original, Compare, String. */
export const versionStruct = (v: Version): VersionStruct => {
  const methods: Record<string, (...a: Value[]) => Value> = {
    Major: () => new GoInt(v.major, 'uint64'),
    Minor: () => new GoInt(v.minor, 'uint64'),
    Patch: () => new GoInt(v.patch, 'uint64'),
    Prerelease: () => v.pre,
    Metadata: () => v.meta,
    Original: () => v.original,
    String: () => versionString(v),
    MarshalJSON: () => versionString(v),
    Compare: (o) => new GoInt(BigInt(compareVersions(v, versionOf(o))), 'int'),
    LessThan: (o) => compareVersions(v, versionOf(o)) < 0,
    GreaterThan: (o) => compareVersions(v, versionOf(o)) > 0,
    Equal: (o) => compareVersions(v, versionOf(o)) === 0,
  }
  return {
    goType: '*semver.Version',
    version: v,
    field: () => undefined,
    method: (name) => methods[name],
    format: () => versionString(v),
  }
}

/** Sprig's `semver` (a *semver.Version) and `semverCompare` (Masterminds/semver v3 constraint rules). */
export const semverFuncs = (): FuncMap => ({
  semver: (...a) => {
    want('semver', a, 1)
    const v = parseVersion(str(a[0]))
    if (v === undefined) throw new GoError('invalid semantic version')
    return versionStruct(v)
  },
  semverCompare: (...a) => {
    want('semverCompare', a, 2)
    return satisfies(str(a[0]), str(a[1]))
  },
})

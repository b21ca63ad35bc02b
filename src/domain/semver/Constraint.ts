import * as E from 'fp-ts/Either'
import { invalidConstraint, type SemverError } from './SemverError'
import { compareVersions, newVersion, type Version } from './Version'

type Op = '' | '=' | '!=' | '>' | '<' | '>=' | '=>' | '<=' | '=<' | '~' | '~>' | '^'

interface Comparator {
  readonly op: Op
  readonly con: Version
  /** the version as written after the operator */
  readonly orig: string
  /** minor or patch was a wildcard or missing (`1.x`, `1.2`, `1`) */
  readonly dirty: boolean
  readonly minorDirty: boolean
  readonly patchDirty: boolean
}

/** A Masterminds/semver v3 constraint: OR (`||`) of AND groups (`,` or space) of comparators. */
export interface Constraint {
  readonly text: string
  readonly groups: ReadonlyArray<ReadonlyArray<Comparator>>
  /** per group: some comparator names a prerelease, so prerelease versions may match that group */
  readonly includePre: ReadonlyArray<boolean>
}

// Masterminds' regexps, written for Go's RE2 (leftmost-first like JS here). Go's \s is [\t\n\f\r ]; the
// class [0-9|x|X|\*] really admits '|'; the operator list really has an empty alternative.
const S = String.raw`[\t\n\f\r ]`
const CV = String.raw`v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?`
const OPS = String.raw`=||!=|>|<|>=|=>|<=|=<|~|~>|\^`
const ONE = new RegExp(`^${S}*(${OPS})${S}*(${CV})${S}*$`)
const RANGE = new RegExp(`${S}*(${CV})${S}+-${S}+(${CV})${S}*`, 'g')
const FIND = new RegExp(`(${OPS})${S}*(${CV})`, 'g')
const VALID = new RegExp(`^(${S}*(${OPS})${S}*(${CV})${S}*)((?:${S}+|,${S}*)(${OPS})${S}*(${CV})${S}*)*$`)

const isX = (s: string): boolean => s === 'x' || s === '*' || s === 'X'

// Masterminds rewriteRange: `A - B` becomes `>= A, <= B `, each match replaced once in turn.
const rewriteRange = (text: string): string => {
  let out = text
  for (const m of text.matchAll(RANGE)) out = out.replace(m[0], `>= ${m[1]}, <= ${m[11]} `)
  return out
}

/** Masterminds parseConstraint: one comparator, or Go's error text. */
const comparator = (c: string): Comparator | string => {
  if (c === '') {
    const con = newVersion('0.0.0') as Version
    return { op: '', con, orig: c, dirty: true, minorDirty: false, patchDirty: false }
  }
  const m = ONE.exec(c)
  if (m === null) return `improper constraint: ${c}`
  const [, op = '', orig = '', major = '', minor = '', patch = '', pre = ''] = m
  let ver = orig
  let dirty = false
  let minorDirty = false
  let patchDirty = false
  if (isX(major) || major === '') {
    ver = `0.0.0${pre}`
    dirty = true
  } else if (isX(minor.replace(/^\./, '')) || minor === '') {
    ver = `${major}.0.0${pre}`
    dirty = minorDirty = true
  } else if (isX(patch.replace(/^\./, '')) || patch === '') {
    ver = `${major}${minor}.0${pre}`
    dirty = patchDirty = true
  }
  const con = newVersion(ver)
  if (typeof con === 'string') return 'constraint parser error'
  return { op: op as Op, con, orig, dirty, minorDirty, patchDirty }
}

/** Masterminds `NewConstraint` (`>=1.2 <2`, `~1.3`, `^0.2.x || 3.x`, `1.0 - 1.4`); Left InvalidConstraint with Go's reason. */
export const parseConstraint = (text: string): E.Either<SemverError, Constraint> => {
  const groups: Comparator[][] = []
  const includePre: boolean[] = []
  for (const part of rewriteRange(text).split('||')) {
    if (!VALID.test(part)) return E.left(invalidConstraint(text, `improper constraint: ${part}`))
    const found = part.match(FIND) ?? [part]
    const group: Comparator[] = []
    for (const s of found) {
      const c = comparator(s)
      if (typeof c === 'string') return E.left(invalidConstraint(text, c))
      group.push(c)
    }
    groups.push(group)
    includePre.push(group.some((c) => c.con.prerelease !== ''))
  }
  return E.right({ text, groups, includePre })
}

const tilde = (v: Version, c: Comparator): boolean => {
  if (compareVersions(v, c.con) < 0) return false
  if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty) return true
  if (v.major !== c.con.major) return false
  return v.minor === c.con.minor || c.minorDirty
}

const caret = (v: Version, c: Comparator): boolean => {
  if (compareVersions(v, c.con) < 0) return false
  if (c.con.major > 0n || c.minorDirty) return v.major === c.con.major
  if (v.major > 0n) return false
  if (c.con.minor > 0n || c.patchDirty) return v.minor === c.con.minor
  if (v.minor > 0n) return false
  return v.patch === c.con.patch
}

const comparePre = (a: string, b: string): number =>
  compareVersions({ ...zero, prerelease: a }, { ...zero, prerelease: b })
const zero: Version = { major: 0n, minor: 0n, patch: 0n, prerelease: '', metadata: '', original: '' }

// Masterminds' constraint functions; a prerelease version fails every one unless its group allows prereleases.
const check = (v: Version, c: Comparator, includePre: boolean): boolean => {
  if (v.prerelease !== '' && !includePre) return false
  const d = compareVersions(v, c.con)
  switch (c.op) {
    case '':
    case '=':
      return c.dirty ? tilde(v, c) : d === 0
    case '!=':
      if (c.dirty) {
        if (c.con.major !== v.major) return true
        if (c.con.minor !== v.minor && !c.minorDirty) return true
        if (c.minorDirty) return false
        if (c.con.patch !== v.patch && !c.patchDirty) return true
        if (c.patchDirty)
          return (v.prerelease !== '' || c.con.prerelease !== '') && comparePre(v.prerelease, c.con.prerelease) !== 0
      }
      return d !== 0
    case '>':
      if (!c.dirty) return d > 0
      if (v.major !== c.con.major) return v.major > c.con.major
      if (c.minorDirty) return false
      if (c.patchDirty) return v.minor > c.con.minor
      return d > 0
    case '<':
      return d < 0
    case '>=':
    case '=>':
      return d >= 0
    case '<=':
    case '=<':
      if (!c.dirty) return d <= 0
      if (v.major > c.con.major) return false
      return !(v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty)
    case '~':
    case '~>':
      return tilde(v, c)
    case '^':
      return caret(v, c)
  }
}

/** Masterminds `Check`: true when the version satisfies every comparator of some `||` group. */
export const satisfies = (c: Constraint, v: Version): boolean =>
  c.groups.some((g, i) => g.every((x) => check(v, x, c.includePre[i] === true)))

/** True when the version text parses (Masterminds `NewVersion`) and satisfies the constraint (Helm's IsCompatibleRange). */
export const satisfiesText = (c: Constraint, version: string): boolean => {
  const v = newVersion(version)
  return typeof v !== 'string' && satisfies(c, v)
}

/** A constraint no version satisfies (for callers that treat an unreadable constraint as matching nothing). */
export const unsatisfiable = (text: string): Constraint => ({ text, groups: [], includePre: [] })

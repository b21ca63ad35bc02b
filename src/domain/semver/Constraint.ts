import * as E from 'fp-ts/Either'
import { type SemverError, invalidConstraint } from './SemverError'
import { type Version, compareVersions, parseVersion } from './Version'

type Op = '=' | '!=' | '>' | '<' | '>=' | '<=' | '~' | '^'

interface Comparator {
  readonly op: Op
  readonly con: Version
  /** minor or patch was a wildcard or missing (`1.x`, `1.2`, `1`) */
  readonly dirty: boolean
  readonly minorDirty: boolean
  readonly patchDirty: boolean
}

/** A Masterminds/semver constraint: OR (`||`) of AND groups (`,` or space) of comparators. */
export interface Constraint {
  readonly text: string
  readonly groups: ReadonlyArray<ReadonlyArray<Comparator>>
}

const OPS: Record<string, Op> = { '': '=', '=': '=', '!=': '!=', '>': '>', '<': '<', '>=': '>=', '=>': '>=' }
Object.assign(OPS, { '<=': '<=', '=<': '<=', '~': '~', '~>': '~', '^': '^' })

const PART = String.raw`v?[0-9xX*]+(?:\.[0-9xX*]+)?(?:\.[0-9xX*]+)?(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?`
const TOKEN = new RegExp(String.raw`(!=|>=|=>|<=|=<|~>|>|<|=|~|\^)?\s*(${PART})`, 'g')
const HYPHEN = new RegExp(String.raw`(${PART})\s+-\s+(${PART})`, 'g')
const VPARTS = /^v?([0-9xX*]+)(?:\.([0-9xX*]+))?(?:\.([0-9xX*]+))?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/

const isX = (s: string | undefined): boolean => s === undefined || s === 'x' || s === 'X' || s === '*'

const comparator = (opText: string, ver: string): E.Either<string, Comparator> => {
  const m = VPARTS.exec(ver)
  if (!m) return E.left(`improper constraint: ${opText}${ver}`)
  const pre = m[4] ?? ''
  // Masterminds treats a missing minor/patch like a wildcard: `~1` is `>= 1, < 2`, `<= 2` is `< 3`
  const [text, dirty, minorDirty, patchDirty] = isX(m[1])
    ? [`0.0.0${pre}`, true, false, false]
    : isX(m[2])
      ? [`${m[1]}.0.0${pre}`, true, true, false]
      : isX(m[3])
        ? [`${m[1]}.${m[2]}.0${pre}`, true, false, true]
        : [`${m[1]}.${m[2]}.${m[3]}${pre}`, false, false, false]
  const con = parseVersion(text)
  if (E.isLeft(con)) return E.left(`improper constraint: ${opText}${ver}`)
  return E.right({ op: OPS[opText] ?? '=', con: con.right, dirty, minorDirty, patchDirty })
}

const parseGroup = (text: string): E.Either<string, ReadonlyArray<Comparator>> => {
  const expanded = text.replace(HYPHEN, '>= $1, <= $2')
  const out: Comparator[] = []
  let rest = expanded
  for (const m of expanded.matchAll(TOKEN)) {
    const c = comparator(m[1] ?? '', m[2] ?? '')
    if (E.isLeft(c)) return c
    out.push(c.right)
    rest = rest.replace(m[0], ' ')
  }
  if (out.length === 0 || !/^[\s,]*$/.test(rest)) return E.left(`improper constraint: ${text.trim()}`)
  return E.right(out)
}

/** Parses a constraint (`>=1.2 <2`, `~1.3`, `^0.2.x || 3.x`, `1.0 - 1.4`); Left InvalidConstraint. */
export const parseConstraint = (text: string): E.Either<SemverError, Constraint> => {
  const groups: Array<ReadonlyArray<Comparator>> = []
  for (const part of text.split('||')) {
    const g = parseGroup(part)
    if (E.isLeft(g)) return E.left(invalidConstraint(text, g.left))
    groups.push(g.right)
  }
  return E.right({ text, groups })
}

const cmp = compareVersions

const tilde = (v: Version, c: Comparator): boolean => {
  if (cmp(v, c.con) < 0) return false
  if (c.con.major === 0 && c.con.minor === 0 && c.con.patch === 0 && !c.minorDirty && !c.patchDirty) return true
  if (v.major !== c.con.major) return false
  return v.minor === c.con.minor || c.minorDirty
}

const caret = (v: Version, c: Comparator): boolean => {
  if (cmp(v, c.con) < 0) return false
  if (c.con.major > 0 || c.minorDirty) return v.major === c.con.major
  if (v.major > 0) return false
  if (c.con.minor > 0 || c.patchDirty) return v.minor === c.con.minor
  if (v.minor > 0) return false
  return v.patch === c.con.patch
}

const check = (v: Version, c: Comparator, includePre: boolean): boolean => {
  // Masterminds: a pre-release version only satisfies an AND group in which some comparator names a pre-release
  if (v.prerelease !== '' && !includePre) return false
  switch (c.op) {
    case '=':
      return c.dirty ? tilde(v, c) : cmp(v, c.con) === 0
    case '!=':
      return c.dirty ? !tilde(v, c) : cmp(v, c.con) !== 0
    case '>':
      if (!c.dirty) return cmp(v, c.con) > 0
      if (v.major !== c.con.major) return v.major > c.con.major
      if (c.minorDirty) return false
      if (c.patchDirty) return v.minor > c.con.minor
      return cmp(v, c.con) > 0
    case '<':
      return cmp(v, c.con) < 0
    case '>=':
      return cmp(v, c.con) >= 0
    case '<=':
      if (!c.dirty) return cmp(v, c.con) <= 0
      if (v.major !== c.con.major) return v.major < c.con.major
      return c.minorDirty || v.minor <= c.con.minor
    case '~':
      return tilde(v, c)
    case '^':
      return caret(v, c)
  }
}

/** True when the version satisfies one of the constraint's AND groups. */
export const satisfies = (c: Constraint, v: Version): boolean =>
  c.groups.some((g) => {
    const includePre = g.some((x) => x.con.prerelease !== '')
    return g.every((x) => check(v, x, includePre))
  })

/** True when the version text parses and satisfies the constraint. */
export const satisfiesText = (c: Constraint, version: string): boolean => {
  const v = parseVersion(version)
  return E.isRight(v) && satisfies(c, v.right)
}

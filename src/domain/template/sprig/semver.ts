import * as E from 'fp-ts/Either'
import { type GoStruct, type Value, GoError, GoInt, isGoStruct } from '../../go/Value'
import { parseConstraint, satisfies } from '../../semver/Constraint'
import { compareVersions, newVersion, type Version, versionString } from '../../semver/Version'
import { type FuncMap, str, want } from './args'

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
    Prerelease: () => v.prerelease,
    Metadata: () => v.metadata,
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

/** Sprig's `semver` (a *semver.Version) and `semverCompare` (NewConstraint, then NewVersion, then Check). */
export const semverFuncs = (): FuncMap => ({
  semver: (...a) => {
    want('semver', a, 1)
    const v = newVersion(str(a[0]))
    if (typeof v === 'string') throw new GoError(v)
    return versionStruct(v)
  },
  semverCompare: (...a) => {
    want('semverCompare', a, 2)
    const c = parseConstraint(str(a[0]))
    if (E.isLeft(c)) throw new GoError(c.left._tag === 'InvalidConstraint' ? c.left.reason : 'invalid constraint')
    const v = newVersion(str(a[1]))
    if (typeof v === 'string') throw new GoError(v)
    return satisfies(c.right, v)
  },
})

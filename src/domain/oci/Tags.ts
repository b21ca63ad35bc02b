import * as E from 'fp-ts/Either'
import { parseConstraint, satisfies } from '../semver/Constraint'
import type { SemverError } from '../semver/SemverError'
import { compareVersions, newVersion, strictNewVersion, type Version, versionString } from '../semver/Version'
import { noMatchingTag, type OciError } from './OciError'
import { versionOfTag } from './Reference'

/**
 * The chart versions a repository's tags stand for, newest first, as Helm 4's registry Client.Tags lists them:
 * `_` read back as `+`, only tags that are strict semantic versions (`latest`, `v1.2.3`, `1.2` are left out).
 */
export const chartVersionsOfTags = (tags: ReadonlyArray<string>): ReadonlyArray<string> =>
  tags
    .map((tag) => strictNewVersion(versionOfTag(tag)))
    .filter((v): v is Version => typeof v !== 'string')
    .sort((a, b) => compareVersions(b, a))
    .map(versionString)

/** True when Helm takes `version` as one exact version rather than a range (Masterminds NewVersion parses it). */
export const isExactVersion = (version: string): boolean => typeof newVersion(version) !== 'string'

/**
 * Helm 4's GetTagMatchingVersionOrConstraint over versions sorted newest first: an exact match first, else the
 * newest that satisfies `version` as a constraint (`*` when empty: no prereleases). Left InvalidConstraint or
 * NoMatchingTag.
 */
export const matchTag = (
  versions: ReadonlyArray<string>,
  version: string,
): E.Either<OciError | SemverError, string> => {
  if (version !== '' && versions.includes(version)) return E.right(version)
  const c = parseConstraint(version === '' ? '*' : version)
  if (E.isLeft(c)) return c
  for (const v of versions) {
    const parsed = newVersion(v)
    if (typeof parsed !== 'string' && satisfies(c.right, parsed)) return E.right(v)
  }
  return E.left(noMatchingTag(version))
}

import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { noTags, tagVersionMismatch } from '../../domain/oci/OciError'
import { type OciReference, parseOciReference, repositoryOf, versionOfTag } from '../../domain/oci/Reference'
import { chartVersionsOfTags, isExactVersion, matchTag } from '../../domain/oci/Tags'
import { parseIndex } from '../../domain/repo/Index'
import type { RepoAuth } from '../../ports/ChartRepository'
import type { ClientDeps } from './Deps'

/** The versions an `oci://REGISTRY/REPO` offers (its tags, through the repository port), newest first. */
export const ociVersions =
  (ref: OciReference, auth: RepoAuth) =>
  (d: Pick<ClientDeps, 'repos'>): TE.TaskEither<HelmError, ReadonlyArray<string>> => {
    const url = `oci://${repositoryOf(ref)}`
    return pipe(
      d.repos.index(url, auth),
      TE.chainEitherKW((bytes) => parseIndex(url, new TextDecoder().decode(bytes))),
      TE.map((index) => chartVersionsOfTags(Object.values(index.entries).flatMap((vs) => vs.map((v) => v.version)))),
    )
  }

/** An `oci://` chart resolved to the reference to pull and the version it stands for. */
export interface ResolvedOci {
  readonly url: string
  readonly version?: string | undefined
}

/**
 * Helm 4's ValidateReference: `version` (else the reference's own tag) must agree with the tag the reference
 * carries; a digest reference is pulled by digest; an exact version is taken as the tag; a range (`~1.2`, empty for
 * the newest stable) is matched against the repository's tags, an exact match first. Left InvalidOciReference,
 * TagVersionMismatch, NoTags, NoMatchingTag, InvalidConstraint and the registry's errors.
 */
export const resolveOci =
  (raw: string, version: string, auth: RepoAuth) =>
  (d: Pick<ClientDeps, 'repos'>): TE.TaskEither<HelmError, ResolvedOci> => {
    const parsed = parseOciReference(raw)
    if (E.isLeft(parsed)) return TE.left(parsed.left)
    const ref = parsed.right
    const own = versionOfTag(ref.tag)
    if (version !== '' && ref.tag !== '' && own !== version) return TE.left(tagVersionMismatch(version, ref.tag))
    const wanted = version === '' ? own : version
    const base = `oci://${repositoryOf(ref)}`
    if (ref.digest !== '') return TE.right({ url: `${base}@${ref.digest}`, version: wanted || undefined })
    if (wanted !== '' && isExactVersion(wanted)) return TE.right({ url: `${base}:${wanted}`, version: wanted })
    return pipe(
      ociVersions(ref, auth)(d),
      TE.chainEitherKW((versions) =>
        versions.length === 0 ? E.left<HelmError, string>(noTags(raw)) : matchTag(versions, wanted),
      ),
      TE.map((tag) => ({ url: `${base}:${tag}`, version: tag })),
    )
  }

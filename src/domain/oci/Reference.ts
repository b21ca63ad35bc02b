import * as E from 'fp-ts/Either'
import { invalidOciReference, type OciError } from './OciError'

/** The URL scheme of OCI references (Helm's registry.OCIScheme). */
export const OCI_SCHEME = 'oci'

/** True for an `oci://` reference (Helm's registry.IsOCI). */
export const isOci = (url: string): boolean => url.startsWith(`${OCI_SCHEME}://`)

/** An artifact in a registry: `REGISTRY/REPOSITORY[:TAG][@DIGEST]` ('' for an absent tag or digest). */
export interface OciReference {
  readonly registry: string
  readonly repository: string
  readonly tag: string
  readonly digest: string
}

// oras-go v2 registry/reference.go: the distribution grammar of repository names and tags
const REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*)*$/
const TAG = /^[\w][\w.-]{0,127}$/
// what url.ParseRequestURI("dummy://" + registry) keeps whole as its host: a name or IP with an optional port
const REGISTRY =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]*)?$/
const DIGEST_LENGTHS: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 }

/** go-digest's Parse: `ALGORITHM:HEX`; the reason it is not one, or undefined. */
export const digestProblem = (d: string): string | undefined => {
  const i = d.indexOf(':')
  if (i < 0 || i + 1 === d.length) return 'invalid checksum digest format'
  const [alg, hex] = [d.slice(0, i), d.slice(i + 1)]
  if (!/^[a-z0-9]+(?:[.+_-][a-z0-9]+)*$/.test(alg)) return 'invalid checksum digest format'
  const len = DIGEST_LENGTHS[alg]
  if (len === undefined) return 'unsupported digest algorithm'
  if (hex.length !== len || !/^[a-f0-9]+$/.test(hex)) return 'invalid checksum digest length'
  return undefined
}

/**
 * Reads a reference as Helm 4's newReference does: `oci://` dropped, a digest after the last `@` kept apart, a
 * `+` in the tag turned into `_` (OCI tags cannot hold `+`, helm/helm#10166), then oras-go's ParseReference rules
 * (a registry and a repository, the repository in the distribution grammar, a valid tag or digest).
 * Left InvalidOciReference with oras' reason.
 */
export const parseOciReference = (raw: string): E.Either<OciError, OciReference> => {
  let rest = raw.startsWith(`${OCI_SCHEME}://`) ? raw.slice(OCI_SCHEME.length + 3) : raw
  let digest = ''
  const at = rest.lastIndexOf('@')
  if (at >= 0) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
  }
  const slash = rest.indexOf('/')
  if (slash < 0) return E.left(invalidOciReference('missing registry or repository'))
  const registry = rest.slice(0, slash)
  let path = rest.slice(slash + 1)
  let tag = ''
  const colon = path.indexOf(':')
  if (colon >= 0) {
    tag = path.slice(colon + 1).replaceAll('+', '_')
    path = path.slice(0, colon)
  }
  if (!REGISTRY.test(registry)) return E.left(invalidOciReference(`invalid registry ${JSON.stringify(registry)}`))
  if (!REPOSITORY.test(path)) return E.left(invalidOciReference(`invalid repository ${JSON.stringify(path)}`))
  if (tag !== '' && !TAG.test(tag)) return E.left(invalidOciReference(`invalid tag ${JSON.stringify(tag)}`))
  if (digest !== '') {
    const bad = digestProblem(digest)
    if (bad) return E.left(invalidOciReference(`invalid digest ${JSON.stringify(digest)}: ${bad}`))
  }
  return E.right({ registry, repository: path, tag, digest })
}

/** `REGISTRY/REPOSITORY` (oras' repository reference). */
export const repositoryOf = (r: OciReference): string => `${r.registry}/${r.repository}`

/** The reference as Helm prints it (`Pushed:`/`Pulled:`): with its tag when it has one, else its digest. */
export const referenceString = (r: OciReference): string =>
  r.tag !== '' ? `${repositoryOf(r)}:${r.tag}` : `${repositoryOf(r)}@${r.digest}`

/** What a registry is asked for: the digest when there is one, else the tag. */
export const manifestReference = (r: OciReference): string => (r.digest !== '' ? r.digest : r.tag)

/** The tag a chart version is pushed under (`+` → `_`, helm/helm#10166). */
export const tagOfVersion = (version: string): string => version.replaceAll('+', '_')

/** The chart version a tag stands for (`_` → `+`). */
export const versionOfTag = (tag: string): string => tag.replaceAll('_', '+')

/**
 * The file a pulled chart is saved as: Helm's `filepath.Base(u.Path)` with its last `:` turned into `-`
 * (`oci://r/charts/app:1.2.3` → `app-1.2.3.tgz`).
 */
export const ociArchiveName = (url: string): string => {
  const path = url.replace(/^oci:\/\/[^/]*/, '')
  const base = path.slice(path.lastIndexOf('/') + 1)
  const i = base.lastIndexOf(':')
  return i < 0 ? `${base}.tgz` : `${base.slice(0, i)}-${base.slice(i + 1)}.tgz`
}

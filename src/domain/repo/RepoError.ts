import { defineMessages } from '../Messages'

/** Errors of chart repositories, dependencies and provenance (version and constraint errors: semver/SemverError). */
export type RepoError =
  | { readonly _tag: 'RepoNotFound'; readonly name: string }
  | { readonly _tag: 'RepoExists'; readonly name: string }
  | { readonly _tag: 'InvalidRepoName'; readonly name: string }
  | { readonly _tag: 'NoRepositories' }
  | { readonly _tag: 'RepoUnreachable'; readonly url: string; readonly reason: string }
  | { readonly _tag: 'Unreachable'; readonly url: string; readonly reason: string }
  | { readonly _tag: 'HttpStatus'; readonly url: string; readonly status: number; readonly statusText: string }
  | { readonly _tag: 'InvalidIndex'; readonly source: string; readonly reason: string }
  | { readonly _tag: 'InvalidRepositoriesFile'; readonly path: string; readonly reason: string }
  | { readonly _tag: 'ChartVersionNotFound'; readonly repo: string; readonly chart: string; readonly version: string }
  | { readonly _tag: 'DigestMismatch'; readonly url: string; readonly expected: string; readonly actual: string }
  | { readonly _tag: 'NotAChart'; readonly source: string; readonly reason: string }
  | { readonly _tag: 'DependencyUnresolved'; readonly name: string; readonly reason: string }
  | { readonly _tag: 'LockOutOfSync'; readonly lockFile: string; readonly depsFile: string }
  | { readonly _tag: 'NoRepositoryDefinition'; readonly urls: ReadonlyArray<string> }
  | { readonly _tag: 'ProvenanceInvalid'; readonly path: string; readonly reason: string }
  | { readonly _tag: 'SignatureInvalid'; readonly path: string; readonly reason: string }
  | { readonly _tag: 'ChecksumMismatch'; readonly file: string; readonly expected: string; readonly actual: string }
  | { readonly _tag: 'KeyNotFound'; readonly key: string; readonly keyring: string }

export const repoNotFound = (name: string): RepoError => ({ _tag: 'RepoNotFound', name })
export const repoExists = (name: string): RepoError => ({ _tag: 'RepoExists', name })
export const invalidRepoName = (name: string): RepoError => ({ _tag: 'InvalidRepoName', name })
export const noRepositories: RepoError = { _tag: 'NoRepositories' }
export const repoUnreachable = (url: string, reason: string): RepoError => ({ _tag: 'RepoUnreachable', url, reason })
/** No HTTP answer came from `url` (`reason` in Go's words: `Get "URL": dial tcp ...`). */
export const unreachable = (url: string, reason: string): RepoError => ({ _tag: 'Unreachable', url, reason })
export const httpStatus = (url: string, status: number, statusText: string): RepoError => ({
  _tag: 'HttpStatus',
  url,
  status,
  statusText,
})
export const invalidIndex = (source: string, reason: string): RepoError => ({ _tag: 'InvalidIndex', source, reason })
export const invalidRepositoriesFile = (path: string, reason: string): RepoError => ({
  _tag: 'InvalidRepositoriesFile',
  path,
  reason,
})
export const chartVersionNotFound = (repo: string, chart: string, version: string): RepoError => ({
  _tag: 'ChartVersionNotFound',
  repo,
  chart,
  version,
})
export const digestMismatch = (url: string, expected: string, actual: string): RepoError => ({
  _tag: 'DigestMismatch',
  url,
  expected,
  actual,
})
export const notAChart = (source: string, reason: string): RepoError => ({ _tag: 'NotAChart', source, reason })
export const dependencyUnresolved = (name: string, reason: string): RepoError => ({
  _tag: 'DependencyUnresolved',
  name,
  reason,
})
export const lockOutOfSync = (lockFile: string, depsFile: string): RepoError => ({
  _tag: 'LockOutOfSync',
  lockFile,
  depsFile,
})
export const noRepositoryDefinition = (urls: ReadonlyArray<string>): RepoError => ({
  _tag: 'NoRepositoryDefinition',
  urls,
})
export const provenanceInvalid = (path: string, reason: string): RepoError => ({
  _tag: 'ProvenanceInvalid',
  path,
  reason,
})
export const signatureInvalid = (path: string, reason: string): RepoError => ({
  _tag: 'SignatureInvalid',
  path,
  reason,
})
export const checksumMismatch = (file: string, expected: string, actual: string): RepoError => ({
  _tag: 'ChecksumMismatch',
  file,
  expected,
  actual,
})
export const keyNotFound = (key: string, keyring: string): RepoError => ({ _tag: 'KeyNotFound', key, keyring })

export const repoMessages = defineMessages<RepoError>({
  RepoNotFound: (e) => `no repo named ${JSON.stringify(e.name)} found`,
  RepoExists: (e) => `repository name (${e.name}) already exists, please specify a different name`,
  InvalidRepoName: (e) => `repository name (${e.name}) contains '/', please specify a different name without '/'`,
  NoRepositories: () => 'no repositories to show',
  RepoUnreachable: (e) =>
    `Looks like ${JSON.stringify(e.url)} is not a valid chart repository or cannot be reached: ${e.reason}`,
  Unreachable: (e) => e.reason,
  HttpStatus: (e) => `failed to fetch ${e.url} : ${e.status} ${e.statusText}`,
  InvalidIndex: (e) => `${e.source} is not a valid chart repository index: ${e.reason}`,
  InvalidRepositoriesFile: (e) => `${e.path}: ${e.reason}`,
  ChartVersionNotFound: (e) =>
    e.version === ''
      ? `chart ${JSON.stringify(e.chart)} not found in ${e.repo} index. (try 'helm repo update')`
      : `chart ${JSON.stringify(e.chart)} matching ${e.version} not found in ${e.repo} index. (try 'helm repo update')`,
  DigestMismatch: (e) =>
    `digest mismatch for ${e.url}: the index says sha256:${e.expected}, the download is sha256:${e.actual}`,
  NotAChart: (e) => `${e.source} is not a chart archive: ${e.reason}`,
  DependencyUnresolved: (e) => `dependency ${JSON.stringify(e.name)}: ${e.reason}`,
  LockOutOfSync: (e) => `${e.lockFile} is out of sync with ${e.depsFile}`,
  NoRepositoryDefinition: (e) =>
    `no repository definition for ${e.urls.join(', ')}. Please add the missing repos via 'helm repo add'`,
  ProvenanceInvalid: (e) => `${e.path}: ${e.reason}`,
  SignatureInvalid: (e) => `openpgp: signature made by unknown entity or invalid (${e.path}): ${e.reason}`,
  ChecksumMismatch: (e) =>
    `sha256 sum does not match for ${e.file}: ${JSON.stringify(e.expected)} != ${JSON.stringify(e.actual)}`,
  KeyNotFound: (e) => `private key not found: no key matching ${JSON.stringify(e.key)} in ${e.keyring}`,
})

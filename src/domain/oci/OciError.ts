import { defineMessages } from '../Messages'

/**
 * Errors of OCI registries (`oci://` references, `helm push`, `helm registry login/logout`), worded as Helm 4.1.4
 * and oras-go v2 word them.
 */
export type OciError =
  | { readonly _tag: 'InvalidOciReference'; readonly reason: string }
  | {
      readonly _tag: 'RegistryStatus'
      readonly method: string
      readonly url: string
      readonly status: number
      readonly detail: string
    }
  | { readonly _tag: 'OciNotFound'; readonly ref: string }
  | { readonly _tag: 'InvalidManifest'; readonly ref: string; readonly reason: string }
  | { readonly _tag: 'BlobDigestMismatch'; readonly digest: string; readonly actual: string }
  | { readonly _tag: 'RegistryTooLarge'; readonly what: string; readonly limit: number }
  | { readonly _tag: 'MissingLayer'; readonly mediaType: string }
  | { readonly _tag: 'MissingConfig'; readonly mediaType: string }
  | { readonly _tag: 'TooFewDescriptors'; readonly wanted: number; readonly found: number }
  | { readonly _tag: 'NoTags'; readonly ref: string }
  | { readonly _tag: 'NoMatchingTag'; readonly version: string }
  | { readonly _tag: 'TagVersionMismatch'; readonly version: string; readonly tag: string }
  | { readonly _tag: 'DigestRefMismatch'; readonly actual: string; readonly wanted: string }
  | { readonly _tag: 'PushStrictMode' }
  | { readonly _tag: 'PushNotArchive'; readonly path: string; readonly directory: boolean }
  | { readonly _tag: 'SchemeMissing' }
  | { readonly _tag: 'SchemeUnsupported'; readonly scheme: string }
  | { readonly _tag: 'LoginFailed'; readonly host: string; readonly reason: string }
  | { readonly _tag: 'TokenFailed'; readonly realm: string; readonly reason: string }
  | { readonly _tag: 'InvalidCredentialsFile'; readonly path: string; readonly reason: string }
  | { readonly _tag: 'CredentialsRequired'; readonly what: 'password' | 'token' }

export const invalidOciReference = (reason: string): OciError => ({ _tag: 'InvalidOciReference', reason })
/** A registry's error answer (oras' ErrorResponse: the method, URL, status and the errors of its JSON body). */
export const registryStatus = (method: string, url: string, status: number, detail: string): OciError => ({
  _tag: 'RegistryStatus',
  method,
  url,
  status,
  detail,
})
export const ociNotFound = (ref: string): OciError => ({ _tag: 'OciNotFound', ref })
export const invalidManifest = (ref: string, reason: string): OciError => ({ _tag: 'InvalidManifest', ref, reason })
export const blobDigestMismatch = (digest: string, actual: string): OciError => ({
  _tag: 'BlobDigestMismatch',
  digest,
  actual,
})
export const registryTooLarge = (what: string, limit: number): OciError => ({ _tag: 'RegistryTooLarge', what, limit })
export const missingLayer = (mediaType: string): OciError => ({ _tag: 'MissingLayer', mediaType })
export const tooFewDescriptors = (wanted: number, found: number): OciError => ({
  _tag: 'TooFewDescriptors',
  wanted,
  found,
})
export const missingConfig = (mediaType: string): OciError => ({ _tag: 'MissingConfig', mediaType })
export const noTags = (ref: string): OciError => ({ _tag: 'NoTags', ref })
export const noMatchingTag = (version: string): OciError => ({ _tag: 'NoMatchingTag', version })
export const tagVersionMismatch = (version: string, tag: string): OciError => ({
  _tag: 'TagVersionMismatch',
  version,
  tag,
})
export const digestRefMismatch = (actual: string, wanted: string): OciError => ({
  _tag: 'DigestRefMismatch',
  actual,
  wanted,
})
export const pushStrictMode: OciError = { _tag: 'PushStrictMode' }
export const pushNotArchive = (path: string, directory: boolean): OciError => ({
  _tag: 'PushNotArchive',
  path,
  directory,
})
export const schemeMissing: OciError = { _tag: 'SchemeMissing' }
export const schemeUnsupported = (scheme: string): OciError => ({ _tag: 'SchemeUnsupported', scheme })
export const loginFailed = (host: string, reason: string): OciError => ({ _tag: 'LoginFailed', host, reason })
export const tokenFailed = (realm: string, reason: string): OciError => ({ _tag: 'TokenFailed', realm, reason })
export const invalidCredentialsFile = (path: string, reason: string): OciError => ({
  _tag: 'InvalidCredentialsFile',
  path,
  reason,
})
export const credentialsRequired = (what: 'password' | 'token'): OciError => ({ _tag: 'CredentialsRequired', what })

export const ociMessages = defineMessages<OciError>({
  InvalidOciReference: (e) => `invalid reference: ${e.reason}`,
  RegistryStatus: (e) => `${e.method} ${JSON.stringify(e.url)}: response status code ${e.status}: ${e.detail}`,
  OciNotFound: (e) => `${e.ref}: not found`,
  InvalidManifest: (e) => `${e.ref}: invalid manifest: ${e.reason}`,
  BlobDigestMismatch: (e) => `${e.digest}: mismatched digest: the registry sent content of ${e.actual}`,
  RegistryTooLarge: (e) => `${e.what}: size exceeds limit ${e.limit}`,
  MissingLayer: (e) => `manifest does not contain a layer with mediatype ${e.mediaType}`,
  TooFewDescriptors: (e) =>
    `manifest does not contain minimum number of descriptors (${e.wanted}), descriptors found: ${e.found}`,
  MissingConfig: (e) => `could not load config with mediatype ${e.mediaType}`,
  NoTags: (e) => `unable to locate any tags in provided repository: ${e.ref}`,
  NoMatchingTag: (e) => `could not locate a version matching provided version string ${e.version}`,
  TagVersionMismatch: (e) => `chart reference and version mismatch: ${e.version} is not ${e.tag}`,
  DigestRefMismatch: (e) => `chart reference digest mismatch: ${e.actual} is not ${e.wanted}`,
  PushStrictMode: () => 'strict mode enabled, ref basename and tag must match the chart name and version',
  PushNotArchive: (e) =>
    e.directory ? 'cannot push directory, must provide chart archive (.tgz)' : `${e.path}: no such file`,
  SchemeMissing: () => 'scheme prefix missing from remote (e.g. "oci://")',
  SchemeUnsupported: (e) => `scheme ${JSON.stringify(e.scheme)} not supported`,
  LoginFailed: (e) => `authenticating to ${JSON.stringify(e.host)}: ${e.reason}`,
  TokenFailed: (e) => `failed to fetch a token from ${e.realm}: ${e.reason}`,
  InvalidCredentialsFile: (e) => `failed to decode config file at ${e.path}: invalid config format: ${e.reason}`,
  CredentialsRequired: (e) => `${e.what} required`,
})

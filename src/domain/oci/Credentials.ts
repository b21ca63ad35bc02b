// Registry credentials as Helm 4 keeps them: a Docker-style config.json (oras-go's credentials file store) at
// $HELM_HOME/registry/config.json, with Docker's own config.json as the fallback store for reading.
import * as E from 'fp-ts/Either'
import type { GoMap } from '../go/Value'
import { readJson } from '../release/helm3/GoJson'
import { invalidCredentialsFile, type OciError } from './OciError'

/** One registry's credentials: a user and password, or an identity (refresh) token / registry (access) token. */
export interface RegistryCredential {
  readonly username?: string | undefined
  readonly password?: string | undefined
  readonly identityToken?: string | undefined
  readonly registryToken?: string | undefined
}

/** A config.json as read: its whole content (kept on rewrite) and its `auths` entries. */
export interface CredentialsFile {
  readonly content: Readonly<Record<string, unknown>>
  readonly auths: Readonly<Record<string, Readonly<Record<string, unknown>>>>
}

export const emptyCredentialsFile: CredentialsFile = { content: {}, auths: {} }

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array)

/** Reads a config.json (oras' config.Load); Left InvalidCredentialsFile naming `path`. */
export const decodeCredentialsFile = (path: string, bytes: Uint8Array): E.Either<OciError, CredentialsFile> => {
  let doc: unknown
  try {
    doc = readJson(new TextDecoder().decode(bytes), 100)
  } catch (err) {
    return E.left(invalidCredentialsFile(path, err instanceof Error ? err.message : String(err)))
  }
  if (!isObject(doc)) return E.left(invalidCredentialsFile(path, 'not a JSON object'))
  const auths = doc.auths ?? {}
  if (!isObject(auths)) return E.left(invalidCredentialsFile(path, 'failed to unmarshal auths field'))
  for (const [k, v] of Object.entries(auths))
    if (!isObject(v)) return E.left(invalidCredentialsFile(path, `failed to unmarshal auth field of ${k}`))
  return E.right({ content: doc, auths: auths as CredentialsFile['auths'] })
}

/** oras' ToHostname: a key's scheme and path dropped (`https://index.docker.io/v1/` → `index.docker.io`). */
export const toHostname = (addr: string): string => addr.replace(/^https?:\/\//, '').split('/')[0] ?? ''

/** The key credentials of `host` are stored under (oras' ServerAddressFromRegistry/FromHostname). */
export const serverAddress = (host: string): string => (host === 'docker.io' ? 'https://index.docker.io/v1/' : host)

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)

/**
 * The credential stored for `host`: its own key, else the first key whose host part is `host` (oras'
 * GetCredential). Undefined when none; Left InvalidCredentialsFile when its `auth` is not base64 of `user:pass`.
 */
export const credentialFor = (
  path: string,
  file: CredentialsFile,
  host: string,
): E.Either<OciError, RegistryCredential | undefined> => {
  const key = serverAddress(host)
  const entry = file.auths[key] ?? Object.entries(file.auths).find(([k]) => toHostname(k) === key)?.[1]
  if (!entry) return E.right(undefined)
  let username = str(entry.username)
  let password = str(entry.password)
  const auth = str(entry.auth)
  if (auth) {
    const text = Buffer.from(auth, 'base64').toString('utf8')
    const colon = text.indexOf(':')
    if (colon < 0 || Buffer.from(text, 'utf8').toString('base64').replace(/=+$/, '') !== auth.replace(/=+$/, ''))
      return E.left(
        invalidCredentialsFile(path, `auth of ${key} does not conform the base64(username:password) format`),
      )
    username = text.slice(0, colon)
    password = text.slice(colon + 1)
  }
  const cred = {
    username,
    password,
    identityToken: str(entry.identitytoken),
    registryToken: str(entry.registrytoken),
  }
  return Object.values(cred).some((v) => v !== undefined) ? E.right(cred) : E.right(undefined)
}

const authEntry = (c: RegistryCredential): GoMap => {
  const out: Record<string, string> = {}
  if (c.username || c.password)
    out.auth = Buffer.from(`${c.username ?? ''}:${c.password ?? ''}`, 'utf8').toString('base64')
  if (c.identityToken) out.identitytoken = c.identityToken
  if (c.registryToken) out.registrytoken = c.registryToken
  return out
}

/** The file with `host`'s credential set (oras' PutCredential); every other field kept. */
export const withCredential = (file: CredentialsFile, host: string, c: RegistryCredential): CredentialsFile => {
  const auths = { ...file.auths, [serverAddress(host)]: authEntry(c) }
  return { content: { ...file.content, auths }, auths }
}

/** The file without `host`'s credential (oras' DeleteCredential); undefined when it held none (nothing to write). */
export const withoutCredential = (file: CredentialsFile, host: string): CredentialsFile | undefined => {
  const key = serverAddress(host)
  if (!(key in file.auths)) return undefined
  const auths = Object.fromEntries(Object.entries(file.auths).filter(([k]) => k !== key))
  return { content: { ...file.content, auths }, auths }
}

const goString = (s: string): string =>
  JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)

// Go's json.MarshalIndent(v, "", "\t"): keys of maps sorted, nested values indented by tabs
const indent = (v: unknown, depth: number): string => {
  const pad = '\t'.repeat(depth + 1)
  const end = '\t'.repeat(depth)
  if (Array.isArray(v))
    return v.length === 0 ? '[]' : `[\n${v.map((x) => pad + indent(x, depth + 1)).join(',\n')}\n${end}]`
  if (isObject(v)) {
    const keys = Object.keys(v).sort()
    return keys.length === 0
      ? '{}'
      : `{\n${keys.map((k) => `${pad}${goString(k)}: ${indent(v[k], depth + 1)}`).join(',\n')}\n${end}}`
  }
  if (typeof v === 'string') return goString(v)
  if (v === null || v === undefined) return 'null'
  return String(v)
}

/** The bytes of a config.json as oras writes it (`json.MarshalIndent(content, "", "\t")`, no final newline). */
export const encodeCredentialsFile = (file: CredentialsFile): Uint8Array =>
  new TextEncoder().encode(indent(file.content, 0))

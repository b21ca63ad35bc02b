// Registry authentication as oras-go v2's auth.Client negotiates it: a request goes out with what worked for the
// host before; a 401 names the scheme (WWW-Authenticate): Basic is answered with the credential, Bearer with a
// token from the challenge's realm for the operation's scopes (the Docker token protocol: GET with Basic auth, or
// an OAuth2 POST with an identity token, or with the password when `forceOAuth2` as `helm registry login` tries
// first; a stored registry token is sent as is). Tokens are kept per host and scopes. Hardening from later oras-go
// (GHSA-vh4v-2xq2-g5cg and its realm checks): a challenge from another origin than the request's (after a
// redirect) is not answered, and no credential goes to a realm over http when the registry is reached over https,
// nor to a loopback, private or link-local IP literal other than the registry's own host.
import * as E from 'fp-ts/Either'
import type { HelmError } from '../../domain/errors'
import { parseChallenge } from '../../domain/oci/Challenge'
import { tokenFailed } from '../../domain/oci/OciError'
import type { RegistryAuth } from '../../ports/ChartRegistry'
import { errorResponse, type Progress, type Request, type Response, send } from './Http'

const MAX_TOKEN_BYTES = 128 * 1024
// oras-go's defaultClientID (Helm sets none)
const CLIENT_ID = 'oras-go'

interface HostState {
  scheme?: 'basic' | 'bearer'
  readonly tokens: Map<string, string>
}

const basic = (auth: RegistryAuth): string | undefined => {
  const c = auth.credential
  return c && (c.username || c.password)
    ? `Basic ${Buffer.from(`${c.username ?? ''}:${c.password ?? ''}`, 'utf8').toString('base64')}`
    : undefined
}

// IPv4 and IPv6 literals in loopback, private, link-local or unspecified ranges (Go's net.IP predicates)
const INTERNAL_V4 = /^(?:127\.|10\.|192\.168\.|169\.254\.|172\.(?:1[6-9]|2\d|3[01])\.|0\.0\.0\.0$)/
const internalIp = (hostname: string): boolean => {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (/^\d+\.\d+\.\d+\.\d+$/.test(h)) return INTERNAL_V4.test(h)
  if (!h.includes(':')) return false
  return h === '::' || h === '::1' || /^fe[89ab]/.test(h) || /^f[cd]/.test(h) || /^ff[0-9a-f]2/.test(h)
}

/** Why a realm must not receive the credential, or undefined (later oras-go's validateRealm). */
const realmProblem = (realm: URL, registry: URL): string | undefined => {
  if (realm.protocol !== 'https:' && realm.protocol !== 'http:')
    return `bearer realm ${JSON.stringify(realm.href)} uses unsupported scheme ${JSON.stringify(realm.protocol.slice(0, -1))}`
  if (realm.protocol === 'http:' && registry.protocol === 'https:')
    return `bearer realm ${JSON.stringify(realm.href)} uses http but registry was contacted over https`
  if (internalIp(realm.hostname) && realm.hostname !== registry.hostname)
    return `bearer realm host ${JSON.stringify(realm.hostname.replace(/^\[|\]$/g, ''))} is a loopback, link-local, private, or unspecified address`
  return undefined
}

const fetchToken = async (
  params: Readonly<Record<string, string>>,
  scopes: ReadonlyArray<string>,
  auth: RegistryAuth,
  registry: URL,
  forceOAuth2: boolean,
  progress: Progress | undefined,
): Promise<E.Either<HelmError, string>> => {
  const c = auth.credential
  if (c?.registryToken) return E.right(c.registryToken)
  const realm = params.realm ?? ''
  let url: URL
  try {
    url = new URL(realm)
  } catch {
    return E.left(tokenFailed(realm, 'the challenge has no valid realm'))
  }
  const unsafe = realmProblem(url, registry)
  if (unsafe) return E.left(tokenFailed(realm, unsafe))
  let req: Request
  const password = forceOAuth2 && c?.username && c.password ? { username: c.username, password: c.password } : undefined
  if (c?.identityToken || password) {
    const form = new URLSearchParams(
      password
        ? { grant_type: 'password', username: password.username, password: password.password }
        : { grant_type: 'refresh_token', refresh_token: c?.identityToken ?? '' },
    )
    if (params.service) form.set('service', params.service)
    form.set('client_id', CLIENT_ID)
    if (scopes.length > 0) form.set('scope', scopes.join(' '))
    req = {
      method: 'POST',
      url,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new TextEncoder().encode(form.toString()),
      maxBytes: MAX_TOKEN_BYTES,
    }
  } else {
    const q = new URL(url)
    if (params.service) q.searchParams.append('service', params.service)
    for (const s of scopes) q.searchParams.append('scope', s)
    const b = basic(auth)
    req = { method: 'GET', url: q, headers: b ? { Authorization: b } : {}, maxBytes: MAX_TOKEN_BYTES }
  }
  const res = await send(req, auth, progress)
  if (E.isLeft(res)) return res
  if (res.right.status !== 200) return E.left(errorResponse(req.method, req.url, res.right))
  let token: unknown
  try {
    const doc = JSON.parse(res.right.body.toString('utf8')) as { access_token?: unknown; token?: unknown }
    token = doc.access_token || doc.token
  } catch (err) {
    return E.left(tokenFailed(realm, err instanceof Error ? err.message : String(err)))
  }
  return typeof token === 'string' && token !== ''
    ? E.right(token)
    : E.left(tokenFailed(realm, `${req.method} ${JSON.stringify(req.url.href)}: empty token returned`))
}

/** An authenticating sender: remembers, per host, the scheme that worked and the tokens it was given. */
export const authClient = (progress?: Progress) => {
  const hosts = new Map<string, HostState>()
  const stateOf = (host: string): HostState => {
    let s = hosts.get(host)
    if (!s) {
      s = { tokens: new Map() }
      hosts.set(host, s)
    }
    return s
  }
  const withAuth = (req: Request, value: string | undefined): Request =>
    value ? { ...req, headers: { ...req.headers, Authorization: value } } : req
  const known = (st: HostState, key: string, auth: RegistryAuth): string | undefined =>
    st.scheme === 'basic' ? basic(auth) : st.scheme === 'bearer' ? st.tokens.get(key) : undefined
  /** Sends `req` for an operation needing `scopes`, answering the registry's challenge once. */
  return async (
    req: Request,
    scopes: ReadonlyArray<string>,
    auth: RegistryAuth,
    forceOAuth2 = false,
  ): Promise<E.Either<HelmError, Response>> => {
    const st = stateOf(req.url.host)
    const key = scopes.join(' ')
    const first = await send(withAuth(req, known(st, key, auth)), auth, progress)
    if (E.isLeft(first) || first.right.status !== 401) return first
    // a challenge from another origin (a redirect) is not answered with this registry's credential
    if (first.right.url.origin !== req.url.origin) return first
    const header = first.right.headers['www-authenticate']
    const challenge = parseChallenge(Array.isArray(header) ? (header[0] ?? '') : (header ?? ''))
    if (challenge.scheme === 'basic') {
      const b = basic(auth)
      if (!b) return first
      st.scheme = 'basic'
      return send(withAuth(req, b), auth, progress)
    }
    if (challenge.scheme !== 'bearer') return first
    const asked = (challenge.params.scope ?? '').split(' ').filter((s) => s !== '')
    const all = [...new Set([...scopes, ...asked])].sort()
    const token = await fetchToken(challenge.params, all, auth, req.url, forceOAuth2, progress)
    if (E.isLeft(token)) return token
    st.scheme = 'bearer'
    st.tokens.set(key, token.right)
    return send(withAuth(req, `Bearer ${token.right}`), auth, progress)
  }
}

export type AuthClient = ReturnType<typeof authClient>

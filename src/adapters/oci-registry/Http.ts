import { readFile } from 'node:fs/promises'
import * as http from 'node:http'
import * as https from 'node:https'
import * as E from 'fp-ts/Either'
import type { HelmError } from '../../domain/errors'
import { fileUnreadable } from '../../domain/GeneralError'
import { registryStatus, registryTooLarge } from '../../domain/oci/OciError'
import { unreachable } from '../../domain/repo/RepoError'
import type { RegistryAuth } from '../../ports/ChartRegistry'

/** One HTTP exchange with a registry (the body read whole, never past `maxBytes`). */
export interface Request {
  readonly method: 'GET' | 'HEAD' | 'POST' | 'PUT'
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body?: Uint8Array | undefined
  readonly maxBytes: number
}

export interface Response {
  /** where the answer came from (after redirects) */
  readonly url: URL
  readonly status: number
  readonly headers: http.IncomingHttpHeaders
  readonly body: Buffer
}

const TIMEOUT_MS = 120_000
const MAX_REDIRECTS = 10
export const USER_AGENT = 'Helm/4.1.4'

const errText = (err: unknown): string => (err instanceof Error ? err.message : String(err))

/** The TLS options of the auth's files (read once per call), or FileUnreadable. */
export const tlsOptions = async (auth: RegistryAuth): Promise<E.Either<HelmError, https.RequestOptions>> => {
  const out: { ca?: Buffer; cert?: Buffer; key?: Buffer; rejectUnauthorized?: boolean } = {}
  for (const [k, file] of [
    ['ca', auth.caFile],
    ['cert', auth.certFile],
    ['key', auth.keyFile],
  ] as const) {
    if (!file) continue
    try {
      out[k] = await readFile(file)
    } catch (err) {
      return E.left(fileUnreadable(file, errText(err)))
    }
  }
  if (auth.insecureSkipTlsVerify) out.rejectUnauthorized = false
  return E.right(out)
}

const reason = (err: unknown): string => {
  const e = err as NodeJS.ErrnoException & { address?: string; port?: number; hostname?: string }
  if (e.code === 'ECONNREFUSED') return `dial tcp ${e.address ?? ''}:${e.port ?? ''}: connect: connection refused`
  if (e.code === 'ENOTFOUND') return `dial tcp: lookup ${e.hostname ?? ''}: no such host`
  if (e.code === 'EPROTO' || /wrong version number|packet length too long/.test(errText(err)))
    return 'http: server gave HTTP response to HTTPS client'
  return errText(err)
}

/** Error answers are read up to this much (their text only feeds a message). */
const MAX_ERROR_BYTES = 64 * 1024

const once = (req: Request, tls: https.RequestOptions): Promise<Response> =>
  new Promise((resolve, reject) => {
    const mod = req.url.protocol === 'https:' ? https : http
    const headers: Record<string, string> = { 'User-Agent': USER_AGENT, ...req.headers }
    if (req.body) headers['Content-Length'] = String(req.body.length)
    let settled = false
    const fail = (err: Error) => {
      if (settled) return
      settled = true
      reject(err)
    }
    const r = mod.request(
      req.url,
      { method: req.method, headers, ...(req.url.protocol === 'https:' ? tls : {}), timeout: TIMEOUT_MS },
      (res) => {
        const ok = (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300
        const limit = ok ? req.maxBytes : MAX_ERROR_BYTES
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (c: Buffer) => {
          if (settled) return
          size += c.length
          if (size <= limit) chunks.push(c)
          else if (ok) {
            fail(new TooLarge(req.maxBytes))
            res.destroy()
            r.destroy()
          }
        })
        res.on('end', () => {
          if (settled) return
          settled = true
          resolve({ url: req.url, status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })
        })
        res.on('error', fail)
      },
    )
    r.on('timeout', () => r.destroy(new Error('timeout awaiting response headers')))
    r.on('error', fail)
    r.end(req.body ? Buffer.from(req.body) : undefined)
  })

class TooLarge extends Error {
  constructor(readonly limit: number) {
    super(`response body larger than ${limit} bytes`)
  }
}

/**
 * Sends a request, following redirects for GET and HEAD (credentials are not sent to another host). Left
 * Unreachable (no answer: refused, TLS, timeout), RegistryTooLarge (a body past `maxBytes`), FileUnreadable.
 */
export const send = async (req: Request, auth: RegistryAuth): Promise<E.Either<HelmError, Response>> => {
  const tls = await tlsOptions(auth)
  if (E.isLeft(tls)) return tls
  let current = req
  for (let i = 0; i <= MAX_REDIRECTS; i++) {
    let res: Response
    try {
      res = await once(current, tls.right)
    } catch (err) {
      if (err instanceof TooLarge) return E.left(registryTooLarge(`${req.method} ${current.url.href}`, err.limit))
      return E.left(unreachable(current.url.href, `${req.method} ${JSON.stringify(current.url.href)}: ${reason(err)}`))
    }
    const location = res.headers.location
    if ((req.method === 'GET' || req.method === 'HEAD') && res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, current.url)
      const headers = { ...current.headers }
      if (next.host !== current.url.host) delete (headers as Record<string, string>).Authorization
      current = { ...current, url: next, headers }
      continue
    }
    return E.right(res)
  }
  return E.left(unreachable(req.url.href, `${req.method} ${JSON.stringify(req.url.href)}: stopped after 10 redirects`))
}

// Go's fmt %v of a value decoded from JSON into `any` (maps with sorted keys, slices space-separated)
const goValue = (v: unknown): string => {
  if (v === null || v === undefined) return '<nil>'
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`
  if (typeof v === 'object')
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${goValue((v as Record<string, unknown>)[k])}`)
      .join(' ')}]`
  if (typeof v === 'number')
    return Number.isInteger(v) && Math.abs(v) < 1e21 ? String(v) : String(v).replace('e+', 'e+')
  return String(v)
}

const STATUS_TEXT: Readonly<Record<number, string>> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }

/** A registry's error answer as oras-go's errutil.ParseErrorResponse words it. */
export const errorResponse = (method: string, url: URL, res: Response): HelmError => {
  let detail = STATUS_TEXT[res.status] ?? http.STATUS_CODES[res.status] ?? ''
  try {
    const doc = JSON.parse(res.body.toString('utf8')) as { errors?: unknown }
    if (Array.isArray(doc.errors) && doc.errors.length > 0)
      detail = doc.errors
        .map((x: { code?: unknown; message?: unknown; detail?: unknown }) => {
          const code = String(x.code ?? '')
            .replaceAll('_', ' ')
            .toLowerCase()
          const msg = typeof x.message === 'string' ? x.message : ''
          if (msg === '') return code
          return x.detail === undefined || x.detail === null
            ? `${code}: ${msg}`
            : `${code}: ${msg}: ${goValue(x.detail)}`
        })
        .join('; ')
  } catch {
    // not JSON: the status text stands
  }
  return registryStatus(method, url.href, res.status, detail)
}

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
/** A request still waiting says so this often (no command waits in silence). */
const PROGRESS_EVERY_MS = 5000

/** Hears, every 5 s while a request waits, one line of what it waits for. */
export type Progress = (line: string) => void

/** A URL as a progress line names it: no user info, no query (either may hold a token). */
const shown = (url: URL): string => `${url.origin}${url.pathname}${url.search ? '?…' : ''}`
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

/** What a request is doing now, for the progress line. */
interface Phase {
  text: string
}

const once = (req: Request, tls: https.RequestOptions, phase: Phase): Promise<Response> =>
  new Promise((resolve, reject) => {
    phase.text = `connecting to ${req.url.host}`
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
        phase.text = `answered ${res.statusCode ?? 0}, reading the body`
        const ok = (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300
        const limit = ok ? req.maxBytes : MAX_ERROR_BYTES
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (c: Buffer) => {
          if (settled) return
          size += c.length
          phase.text = `answered ${res.statusCode ?? 0}, ${size} bytes received so far`
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
    r.on('socket', (sock) => {
      const connected = () => {
        phase.text = `connected to ${req.url.host}, no answer yet`
      }
      // a kept-alive socket is connected already
      if (!sock.connecting) connected()
      else sock.once(req.url.protocol === 'https:' ? 'secureConnect' : 'connect', connected)
    })
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
export const send = async (
  req: Request,
  auth: RegistryAuth,
  progress?: Progress,
): Promise<E.Either<HelmError, Response>> => {
  const phase: Phase = { text: 'starting' }
  let current = req
  const started = Date.now()
  const timer = progress
    ? setInterval(() => {
        const s = Math.round((Date.now() - started) / 1000)
        progress(`waiting for ${current.method} ${shown(current.url)} (${s}s): ${phase.text}\n`)
      }, PROGRESS_EVERY_MS)
    : undefined
  try {
    return await exchange(req, auth, phase, (r) => {
      current = r
    })
  } finally {
    if (timer) clearInterval(timer)
  }
}

const exchange = async (
  req: Request,
  auth: RegistryAuth,
  phase: Phase,
  visiting: (req: Request) => void,
): Promise<E.Either<HelmError, Response>> => {
  const tls = await tlsOptions(auth)
  if (E.isLeft(tls)) return tls
  let current = req
  for (let i = 0; i <= MAX_REDIRECTS; i++) {
    let res: Response
    visiting(current)
    try {
      res = await once(current, tls.right, phase)
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

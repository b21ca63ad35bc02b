import { readFile } from 'node:fs/promises'
import * as http from 'node:http'
import * as https from 'node:https'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { fileUnreadable } from '../../domain/GeneralError'
import { httpStatus, unreachable } from '../../domain/repo/RepoError'
import type { RepoAuth } from '../../ports/ChartRepository'

/** Credentials and TLS material for one repository (repositories.yaml fields or command flags). */
export type HttpAuth = RepoAuth

const MAX_REDIRECTS = 10
const TIMEOUT_MS = 120_000
const PROGRESS_EVERY_MS = 5000

/** How a GET tells what it still waits for (never silent for more than `progressEveryMs`, default 5 s). */
export interface HttpGetOptions {
  readonly progress?: (line: string) => void
  readonly progressEveryMs?: number
}

/** What one request is doing, for the progress line. */
interface Phase {
  text: string
}

/** A URL as a progress line names it: no user info, no query or fragment (either may hold a token). */
const shown = (url: URL): string => `${url.origin}${url.pathname}${url.search || url.hash ? '?…' : ''}`
/** Largest body accepted (indexes of public repositories are tens of MB; charts are capped at 100 MiB unpacked). */
const MAX_BODY = 512 * 1024 * 1024

const tlsOptions = async (auth: HttpAuth): Promise<E.Either<HelmError, https.RequestOptions>> => {
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
      return E.left(fileUnreadable(file, err instanceof Error ? err.message : String(err)))
    }
  }
  if (auth.insecureSkipTlsVerify) out.rejectUnauthorized = false
  return E.right(out)
}

const once = (url: URL, auth: HttpAuth, tls: https.RequestOptions, phase: Phase) =>
  new Promise<{ status: number; statusText: string; location?: string | undefined; body: Buffer }>(
    (resolve, reject) => {
      const headers: Record<string, string> = { 'User-Agent': 'Helm/2.17.0' }
      if (auth.username || auth.password)
        headers.Authorization = `Basic ${Buffer.from(`${auth.username ?? ''}:${auth.password ?? ''}`).toString('base64')}`
      const secure = url.protocol === 'https:'
      const mod = secure ? https : http
      phase.text = `connecting to ${url.host}`
      const req = mod.get(url, { headers, ...(secure ? tls : {}), timeout: TIMEOUT_MS }, (res) => {
        const chunks: Buffer[] = []
        let size = 0
        phase.text = `HTTP ${res.statusCode ?? 0} received, reading the body (0 bytes so far)`
        res.on('data', (c: Buffer) => {
          size += c.length
          phase.text = `HTTP ${res.statusCode ?? 0} received, reading the body (${size} bytes so far)`
          if (size > MAX_BODY) req.destroy(new Error(`response body larger than ${MAX_BODY / 1024 / 1024} MiB`))
          else chunks.push(c)
        })
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? '',
            location: res.headers.location,
            body: Buffer.concat(chunks),
          }),
        )
        res.on('error', reject)
      })
      req.on('socket', (socket) => {
        const waiting = () => {
          phase.text = `connected to ${url.host}, no answer yet`
        }
        if (secure) {
          socket.once('connect', () => {
            phase.text = `connected to ${url.host}, TLS handshake not finished`
          })
          socket.once('secureConnect', waiting)
        } else socket.once('connect', waiting)
      })
      req.on('timeout', () => req.destroy(new Error('timeout awaiting response headers')))
      req.on('error', reject)
    },
  )

const reason = (err: unknown): string => {
  const e = err as NodeJS.ErrnoException & { address?: string; port?: number }
  if (e.code === 'ECONNREFUSED') return `dial tcp ${e.address ?? ''}:${e.port ?? ''}: connect: connection refused`
  if (e.code === 'ENOTFOUND') return `dial tcp: lookup ${(e as { hostname?: string }).hostname ?? ''}: no such host`
  return e instanceof Error ? e.message : String(err)
}

/**
 * GETs a URL (http or https, following redirects) and returns the body. Left HttpStatus for a non-200
 * answer, Unreachable when no answer came, FileUnreadable for a missing CA/cert/key file. While it waits,
 * `opts.progress` hears every 5 s what for (connecting, no answer yet, bytes received so far).
 */
export const httpGet =
  (url: string, auth: HttpAuth = {}, opts: HttpGetOptions = {}): TE.TaskEither<HelmError, Uint8Array> =>
  async () => {
    const phase: Phase = { text: 'starting' }
    let current: URL | undefined
    const started = Date.now()
    const { progress } = opts
    const timer = progress
      ? setInterval(() => {
          const s = Math.round((Date.now() - started) / 1000)
          progress(`waiting for ${current ? shown(current) : url} (${s}s): ${phase.text}\n`)
        }, opts.progressEveryMs ?? PROGRESS_EVERY_MS)
      : undefined
    try {
      return await get(url, auth, phase, (u) => {
        current = u
      })
    } finally {
      if (timer) clearInterval(timer)
    }
  }

const get = async (
  url: string,
  auth: HttpAuth,
  phase: Phase,
  visiting: (url: URL) => void,
): Promise<E.Either<HelmError, Uint8Array>> => {
  const tls = await tlsOptions(auth)
  if (E.isLeft(tls)) return tls
  let target: URL
  try {
    target = new URL(url)
  } catch {
    return E.left(unreachable(url, `parse ${JSON.stringify(url)}: invalid URL`))
  }
  for (let i = 0; i <= MAX_REDIRECTS; i++) {
    if (target.protocol !== 'http:' && target.protocol !== 'https:')
      return E.left(
        unreachable(url, `unsupported protocol scheme ${JSON.stringify(target.protocol.replace(/:$/, ''))}`),
      )
    let res
    visiting(target)
    try {
      res = await once(target, auth, tls.right, phase)
    } catch (err) {
      return E.left(unreachable(url, `Get ${JSON.stringify(target.href)}: ${reason(err)}`))
    }
    if (res.status >= 300 && res.status < 400 && res.location) {
      target = new URL(res.location, target)
      continue
    }
    if (res.status !== 200) return E.left(httpStatus(target.href, res.status, res.statusText))
    return E.right(new Uint8Array(res.body.buffer, res.body.byteOffset, res.body.byteLength))
  }
  return E.left(unreachable(url, 'stopped after 10 redirects'))
}

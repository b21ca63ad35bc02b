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

const once = (url: URL, auth: HttpAuth, tls: https.RequestOptions) =>
  new Promise<{ status: number; statusText: string; location?: string | undefined; body: Buffer }>(
    (resolve, reject) => {
      const headers: Record<string, string> = { 'User-Agent': 'Helm/2.17.0' }
      if (auth.username || auth.password)
        headers.Authorization = `Basic ${Buffer.from(`${auth.username ?? ''}:${auth.password ?? ''}`).toString('base64')}`
      const mod = url.protocol === 'https:' ? https : http
      const req = mod.get(url, { headers, ...(url.protocol === 'https:' ? tls : {}), timeout: TIMEOUT_MS }, (res) => {
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (c: Buffer) => {
          size += c.length
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
 * answer, Unreachable when no answer came, FileUnreadable for a missing CA/cert/key file.
 */
export const httpGet =
  (url: string, auth: HttpAuth = {}): TE.TaskEither<HelmError, Uint8Array> =>
  async () => {
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
      try {
        res = await once(target, auth, tls.right)
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

import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, normalize, sep } from 'node:path'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { invalidArgument } from '../../domain/GeneralError'
import { serializeIndex } from '../../domain/repo/Index'
import type { IndexFile } from '../../domain/repo/Index'

/** A running chart repository server. */
export interface RepoServer {
  /** `host:port` actually listened on */
  readonly address: string
  /** the repository URL clients add (`--url`, else `http://ADDRESS/charts`) */
  readonly url: string
  readonly close: () => Promise<void>
}

/** What the server needs: the folder and a way to (re)build its index for a base URL. */
export interface RepoServerOptions {
  readonly repoPath: string
  readonly address: string
  readonly url?: string | undefined
  readonly buildIndex: (baseUrl: string) => TE.TaskEither<HelmError, IndexFile>
}

const CONTENT_TYPES: Record<string, string> = {
  '.tgz': 'application/x-tar',
  '.prov': 'application/octet-stream',
  '.yaml': 'application/x-yaml',
}

/** HOST:PORT as Go's net.Listen reads it; a string is its refusal (Go's text). */
const splitAddress = (address: string): { host: string; port: number } | string => {
  const at = address.lastIndexOf(':')
  if (at < 0) return `listen tcp: address ${address}: missing port in address`
  const port = address.slice(at + 1)
  if (!/^\d*$/.test(port)) return `listen tcp: lookup tcp/${port}: unknown port`
  if (Number(port) > 65535) return `listen tcp: address ${port}: invalid port`
  return { host: address.slice(0, at).replace(/^\[(.*)\]$/, '$1') || '127.0.0.1', port: Number(port) }
}

/** Go's net.Listen error text for a listen that failed (http.ListenAndServe's error, as `helm serve` v2 prints it). */
const listenError = (address: string, host: string, err: NodeJS.ErrnoException): string => {
  switch (err.code) {
    case 'EADDRINUSE':
      return `listen tcp ${address}: bind: address already in use`
    case 'EACCES':
      return `listen tcp ${address}: bind: permission denied`
    case 'EADDRNOTAVAIL':
      return `listen tcp ${address}: bind: cannot assign requested address`
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `listen tcp: lookup ${host}: no such host`
    default:
      return `listen tcp ${address}: ${err.message}`
  }
}

/**
 * `helm serve`: answers `/charts/index.yaml` (and `/index.yaml`) with an index regenerated from the folder
 * on every request, and serves the folder's `.tgz`/`.prov` files under `/charts/` and `/`. Left InvalidArgument
 * with Go's net.Listen text when it cannot listen.
 */
export const startRepoServer =
  (opts: RepoServerOptions): TE.TaskEither<HelmError, RepoServer> =>
  async () => {
    let baseUrl = opts.url ?? ''
    const server = http.createServer((req, res) => {
      void handle(req, res)
    })
    const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
      const rel = path.replace(/^\/charts(?=\/|$)/, '').replace(/^\/+/, '')
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end()
        return
      }
      if (rel === 'index.yaml') {
        const index = await opts.buildIndex(baseUrl)()
        if (E.isLeft(index)) {
          res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`${index.left._tag}\n`)
          return
        }
        const body = serializeIndex(index.right)
        res.writeHead(200, { 'Content-Type': CONTENT_TYPES['.yaml'], 'Content-Length': Buffer.byteLength(body) })
        res.end(req.method === 'HEAD' ? undefined : body)
        return
      }
      const file = normalize(join(opts.repoPath, rel))
      const st = rel === '' ? undefined : await stat(file).catch(() => undefined)
      if (!st?.isFile() || !file.startsWith(opts.repoPath.replace(/\/+$/, '') + sep)) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('404 page not found\n')
        return
      }
      const ext = file.slice(file.lastIndexOf('.'))
      res.writeHead(200, {
        'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
        'Content-Length': st.size,
      })
      if (req.method === 'HEAD') res.end()
      else createReadStream(file).pipe(res)
    }
    const split = splitAddress(opts.address)
    if (typeof split === 'string') return E.left(invalidArgument(split))
    const { host, port } = split
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, host, () => resolve())
      })
    } catch (err) {
      return E.left(invalidArgument(listenError(opts.address, host, err as NodeJS.ErrnoException)))
    }
    const a = server.address() as AddressInfo
    const address = `${host}:${a.port}`
    if (baseUrl === '') baseUrl = `http://${address}/charts`
    return E.right({
      address,
      url: baseUrl,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    })
  }

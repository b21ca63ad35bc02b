import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, normalize, sep } from 'node:path'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { fileUnwritable } from '../../domain/GeneralError'
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

const splitAddress = (address: string): { host: string; port: number } => {
  const at = address.lastIndexOf(':')
  return at < 0
    ? { host: address, port: 8879 }
    : { host: address.slice(0, at) || '127.0.0.1', port: Number(address.slice(at + 1)) }
}

/**
 * `helm serve`: answers `/charts/index.yaml` (and `/index.yaml`) with an index regenerated from the folder
 * on every request, and serves the folder's `.tgz`/`.prov` files under `/charts/` and `/`. Left FileUnwritable
 * when it cannot listen.
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
    const { host, port } = splitAddress(opts.address)
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, host, () => resolve())
      })
    } catch (err) {
      return E.left(
        fileUnwritable(opts.address, `listen tcp ${opts.address}: ${err instanceof Error ? err.message : err}`),
      )
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

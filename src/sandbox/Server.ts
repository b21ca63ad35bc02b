// HTTP front of the sandbox: bearer-token auth, injected faults, body limits, routing to discovery, the
// resource verbs and watch.
import type { IncomingMessage, ServerResponse } from 'node:http'
import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import { parse as parseYaml } from 'yaml'
import { isNamespacePath, type Reply, type Target } from './engine/Api'
import { type Engine, POD_LOG, type ServerVersion } from './engine/Engine'
import { resourceKey } from './engine/Resources'
import * as S from './engine/Status'
import { apiGroupDoc, apiGroupListDoc, apiVersionsDoc, resourceListDoc, versionDoc } from './Discovery'
import { decodeProtobufObject, UnsupportedProtobuf } from './Protobuf'
import { openApiGroupVersion, openApiRoot } from './OpenApi'
import { toTable, wantsTable } from './Table'
import { serveWatch } from './Watch'

/** What an injected fault does to the requests it matches. */
export type FaultKind =
  | 'error500' // answer 500 InternalError without doing anything
  | 'throttle429' // answer 429 TooManyRequests
  | 'forbidden' // answer 403 Forbidden
  | 'hang' // never answer (until the client gives up or the sandbox stops)
  | 'reset' // close the connection before doing anything
  | 'resetAfterWrite' // do the request, then close the connection without answering

/** A fault injected into matching requests, `times` times (forever when absent). */
export interface Fault {
  readonly kind: FaultKind
  readonly method?: string
  readonly path?: RegExp
  times?: number
}

export { POD_LOG } from './engine/Engine'

/** The apiserver's limit on a request body (3 MiB). */
const BODY_LIMIT = 3 * 1024 * 1024

export interface ServerDeps {
  readonly engine: Engine
  readonly version: ServerVersion
  readonly token: string | undefined
  readonly faults: Fault[]
  readonly watches: Set<ServerResponse>
  readonly hung: Set<ServerResponse>
  readonly address: () => string
  /** Resolves once every write so far is on disk: an answer waits for it (a write is acknowledged only once
   * it survives a crash, and nobody reads a change that a crash could still take back). */
  readonly durable: () => Promise<void>
}

const FaultKindC = t.keyof({
  error500: null,
  throttle429: null,
  forbidden: null,
  hang: null,
  reset: null,
  resetAfterWrite: null,
})
const FaultC = t.intersection([
  t.type({ kind: FaultKindC }),
  t.partial({ method: t.string, path: t.string, times: t.number }),
])
const ControllersC = t.type({ enabled: t.boolean })

/** A control body decoded with `codec`, or 400 naming what is wrong. */
const decodeControl = <A>(codec: t.Decoder<unknown, A>, body: unknown): A => {
  const r = codec.decode(body)
  if (E.isRight(r)) return r.right
  const e = r.left[0]!
  const field = e.context
    .map((c) => c.key)
    .filter((k) => k !== '' && !/^\d+$/.test(k))
    .join('.')
  throw S.badRequest(
    field === 'kind'
      ? `unknown fault kind ${JSON.stringify(e.value)}; one of ${Object.keys(FaultKindC.keys).join(', ')}`
      : `invalid ${field || 'body'}: ${JSON.stringify(e.value)} is not a ${e.context.at(-1)?.type.name ?? 'value'}`,
  )
}

const sendJson = (res: ServerResponse, code: number, body: unknown): void => {
  const text = JSON.stringify(body)
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

const readBody = (req: IncomingMessage): Promise<Buffer | S.ApiError> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size <= BODY_LIMIT) chunks.push(c)
    })
    req.on('end', () => resolve(size > BODY_LIMIT ? S.tooLarge(BODY_LIMIT) : Buffer.concat(chunks)))
    req.on('error', reject)
  })

const takeFault = (faults: Fault[], method: string, path: string): Fault | undefined => {
  const f = faults.find(
    (x) =>
      (x.times === undefined || x.times > 0) && (!x.method || x.method === method) && (!x.path || x.path.test(path)),
  )
  if (f && f.times !== undefined) f.times--
  return f
}

/** Parses `/api/v1/...` and `/apis/g/v/...` into a group version and the segments after it. */
const splitPath = (path: string): { group: string; version: string; rest: string[] } | undefined => {
  const segs = path
    .split('/')
    .filter((s) => s !== '')
    .map(decodeURIComponent)
  if (segs[0] === 'api' && segs[1]) return { group: '', version: segs[1], rest: segs.slice(2) }
  if (segs[0] === 'apis' && segs[1] && segs[2]) return { group: segs[1], version: segs[2], rest: segs.slice(3) }
  return undefined
}

/** The request handler of a sandbox. */
export const handler = (d: ServerDeps) => {
  const { api, store, registry, controllers } = d.engine

  // The sandbox's own control endpoints, for tests that run it as a separate process:
  // PUT /sandbox/controllers {"enabled": bool}; POST /sandbox/faults {kind, method?, path? (regexp), times?};
  // DELETE /sandbox/faults.
  const admin = async (req: IncomingMessage, path: string, method: string): Promise<Reply> => {
    const raw = method === 'GET' || method === 'DELETE' ? Buffer.alloc(0) : await readBody(req)
    if (raw instanceof S.ApiError) throw raw
    let body: unknown = {}
    try {
      body = raw.length ? JSON.parse(raw.toString('utf8')) : {}
    } catch (e) {
      throw S.badRequest(`error decoding the body: ${(e as Error).message}`)
    }
    if (path === '/sandbox/controllers') {
      if (method === 'PUT') controllers.setEnabled(decodeControl(ControllersC, body).enabled)
      else if (method !== 'GET') throw S.methodNotAllowed()
      return { code: 200, body: { enabled: controllers.isEnabled } }
    }
    if (path === '/sandbox/faults') {
      if (method === 'DELETE') d.faults.splice(0, d.faults.length)
      else if (method === 'POST') {
        const f = decodeControl(FaultC, body)
        d.faults.push({
          kind: f.kind,
          ...(f.method !== undefined ? { method: f.method } : {}),
          ...(f.path !== undefined ? { path: new RegExp(f.path) } : {}),
          ...(f.times !== undefined ? { times: f.times } : {}),
        })
      } else if (method !== 'GET') throw S.methodNotAllowed()
      return { code: 200, body: { faults: d.faults.map((f) => ({ ...f, path: f.path?.source })) } }
    }
    throw S.pathNotFound()
  }

  const route = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<Reply | undefined> => {
    const method = req.method ?? 'GET'
    const path = url.pathname.replace(/\/+$/, '') || '/'
    if (path === '/version') return { code: 200, body: versionDoc(d.version) }
    if (path.startsWith('/sandbox/')) return admin(req, path, method)
    if (path === '/healthz' || path === '/readyz' || path === '/livez') {
      res.writeHead(200, { 'Content-Type': 'text/plain' })
      res.end('ok')
      return undefined
    }
    if (path === '/openapi/v3') return { code: 200, body: openApiRoot(registry, String(store.rv)) }
    if (path.startsWith('/openapi/v3/')) {
      const doc = openApiGroupVersion(registry, path.slice('/openapi/v3/'.length))
      if (!doc) throw S.pathNotFound()
      return { code: 200, body: doc }
    }
    if (path === '/api') return { code: 200, body: apiVersionsDoc(d.address()) }
    if (path === '/apis') return { code: 200, body: apiGroupListDoc(registry) }
    const gv = splitPath(path)
    if (!gv) throw S.pathNotFound()
    if (gv.group !== '' && path.split('/').filter(Boolean).length === 2) {
      const doc = apiGroupDoc(registry, gv.group)
      if (!doc) throw S.pathNotFound()
      return { code: 200, body: doc }
    }
    const segs = gv.rest
    if (segs.length === 0) {
      const doc = resourceListDoc(registry, gv.group, gv.version)
      if (!doc) throw S.pathNotFound()
      return { code: 200, body: doc }
    }
    let ns: string | undefined
    let rest = segs
    if (segs[0] === 'namespaces' && !isNamespacePath(segs)) {
      ns = segs[1]
      rest = segs.slice(2)
    }
    const [plural, name, sub, extra] = rest
    const r = plural ? registry.find(gv.group, gv.version, plural) : undefined
    if (!r || extra !== undefined || (ns !== undefined && !r.namespaced)) throw S.pathNotFound()
    if (r.namespaced && ns === undefined && name !== undefined) throw S.pathNotFound()
    if (sub === 'log' && r.kind === 'Pod' && method === 'GET') {
      const pod = store.get(resourceKey(r), ns, name!)
      if (!pod) throw S.notFound(r, name!)
      // the sandbox runs no containers: a pod's log is what its annotation says
      res.writeHead(200, { 'Content-Type': 'text/plain' })
      res.end(pod.metadata.annotations?.[POD_LOG] ?? '')
      return undefined
    }
    if (
      sub !== undefined &&
      !(sub === 'status' && r.status) &&
      !(sub === 'scale' && r.scale) &&
      !(sub === 'finalize' && r.kind === 'Namespace')
    )
      throw S.pathNotFound()
    const t: Target = { r, ns, name, sub: sub === 'finalize' ? 'status' : sub }

    const body = method === 'GET' ? Buffer.alloc(0) : await readBody(req)
    if (body instanceof S.ApiError) throw body
    const raw = body.toString('utf8')
    const ctype = String(req.headers['content-type'] ?? '')
    const mediaType = ctype.split(';')[0]!.trim()
    // the bytes of a request decoded at the boundary: JSON (or the protobuf kubectl sends for what its
    // `create <kind>` generators make); the engine decodes the object into its kind's typed fields
    const json = (): unknown => {
      if (mediaType === 'application/vnd.kubernetes.protobuf') {
        try {
          return decodeProtobufObject(body)
        } catch (e) {
          if (e instanceof UnsupportedProtobuf) throw S.unsupportedMediaType(ctype)
          throw S.badRequest(`the body of the request could not be decoded as protobuf: ${(e as Error).message}`)
        }
      }
      try {
        return raw === '' ? {} : (JSON.parse(raw) as unknown)
      } catch (e) {
        throw S.badRequest(`error decoding the body: ${(e as Error).message}`)
      }
    }
    const patchBody = (): unknown => {
      try {
        return mediaType === 'application/apply-patch+yaml' ? (parseYaml(raw) as unknown) : (JSON.parse(raw) as unknown)
      } catch (e) {
        throw S.badRequest(`error decoding patch: ${(e as Error).message}`)
      }
    }
    const q = url.searchParams
    switch (method) {
      case 'GET': {
        if (sub === 'scale') return api.getScale(t)
        const table = sub === undefined && wantsTable(req.headers.accept)
        if (name !== undefined) {
          const one = api.getObject(t)
          return table
            ? {
                code: 200,
                body: toTable(r, [one], { resourceVersion: one.metadata.resourceVersion }, q.get('includeObject')),
              }
            : { code: 200, body: one }
        }
        if (q.get('watch') === 'true' || q.get('watch') === '1') {
          serveWatch(store, t, q, res, d.watches, d.durable)
          return undefined
        }
        if (!table) return api.list(t, q)
        const page = api.listObjects(t, q)
        return { code: 200, body: toTable(r, page.items, page.metadata, q.get('includeObject')) }
      }
      case 'POST':
        if (name !== undefined) throw S.methodNotAllowed()
        return api.create(t, json(), q)
      case 'PUT':
        if (name === undefined) throw S.methodNotAllowed()
        return sub === 'scale' ? api.updateScale(t, json(), q) : api.update(t, json(), q)
      case 'PATCH':
        if (name === undefined) throw S.methodNotAllowed()
        return api.patch(t, mediaType, patchBody(), q)
      case 'DELETE':
        return name !== undefined
          ? api.delete(t, q, raw.trim() === '' ? undefined : json())
          : api.deleteCollection(t, q)
      default:
        throw S.methodNotAllowed()
    }
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sandbox')
    const method = req.method ?? 'GET'
    const fault = takeFault(d.faults, method, url.pathname)
    if (fault?.kind === 'reset') {
      req.socket.destroy()
      return
    }
    if (fault?.kind === 'hang') {
      d.hung.add(res)
      res.on('close', () => d.hung.delete(res))
      return
    }
    try {
      if (d.token !== undefined && req.headers.authorization !== `Bearer ${d.token}`) throw S.unauthorized()
      if (fault?.kind === 'error500') throw S.internal('injected fault')
      if (fault?.kind === 'throttle429') {
        res.setHeader('Retry-After', '0')
        const e = new S.ApiError({
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'Too many requests, please try again later.',
          reason: 'TooManyRequests',
          details: { retryAfterSeconds: 0 },
          code: 429,
        })
        throw e
      }
      if (fault?.kind === 'forbidden') {
        const gv = splitPath(url.pathname)
        const segs = gv?.rest ?? []
        const namespaced = segs[0] === 'namespaces' && !isNamespacePath(segs)
        const [plural, name] = namespaced ? segs.slice(2) : segs
        const verbs: Record<string, string> = {
          GET: name ? 'get' : 'list',
          POST: 'create',
          PUT: 'update',
          PATCH: 'patch',
          DELETE: name ? 'delete' : 'deletecollection',
        }
        throw S.forbidden(
          { plural: plural ?? '', group: gv?.group ?? '' },
          verbs[method] ?? method.toLowerCase(),
          namespaced ? segs[1] : undefined,
        )
      }
      const reply = await route(req, res, url)
      await d.durable()
      if (fault?.kind === 'resetAfterWrite') {
        req.socket.destroy()
        return
      }
      if (reply) sendJson(res, reply.code, reply.body)
    } catch (e) {
      if (res.headersSent) {
        res.end()
        return
      }
      const err = e instanceof S.ApiError ? e : S.internal((e as Error).message)
      sendJson(res, err.code, err.status)
    }
  }
}

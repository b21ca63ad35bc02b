// The thin REST layer under the k8s adapter and the ConfigMap/Secret stores: @kubernetes/client-node reads
// the kubeconfig (or the in-cluster service account) and supplies the TLS agent and auth headers; requests
// go out as raw JSON over node:http(s) (client-node's typed models drop fields they do not know), with
// timeouts and retries on 429 / 5xx / connection resets.
import { existsSync } from 'node:fs'
import type { Agent, IncomingMessage } from 'node:http'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { homedir } from 'node:os'
import { delimiter, join } from 'node:path'
import type { KubeConfig } from '@kubernetes/client-node'

/** Where the cluster configuration comes from. */
export interface ConnectOptions {
  /** A kubeconfig file (else $KUBECONFIG, ~/.kube/config, then the in-cluster service account). */
  readonly kubeconfig?: string
  /** A kubeconfig's YAML text (takes precedence over `kubeconfig`). */
  readonly kubeconfigYaml?: string
  /** The kubeconfig context to use instead of its current-context (`--kube-context`). */
  readonly context?: string
  /**
   * The environment `$KUBECONFIG` (a list of files, merged) and `$HOME` (`~/.kube/config`) are read from when no
   * file is named; without it client-node reads the process's own.
   */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** Use the in-cluster service account; `pathPrefix` relocates /var/run/secrets for tests. */
  readonly inCluster?: boolean | { readonly pathPrefix: string }
  /** Per-request timeout (default 30 s). */
  readonly timeoutMs?: number
  /** Attempts for a retryable failure (default 4) and the first back-off (default 100 ms, doubling). */
  readonly retries?: number
  readonly backoffMs?: number
  /** How long credentials (auth headers) are reused before they are asked for again (default 10 s). */
  readonly credentialsTtlMs?: number
  /** Hears every `progressEveryMs` (default 5 s) what a request still waits for (the helm client's stderr). */
  readonly progress?: (line: string) => void
  readonly progressEveryMs?: number
}

/** One request. `body` is sent as JSON unless it is a string. */
export interface RestRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  readonly path: string
  readonly query?: Readonly<Record<string, string | undefined>>
  readonly body?: unknown
  readonly contentType?: string
  readonly timeoutMs?: number
}

export interface RestResponse {
  readonly status: number
  readonly text: string
  /** Seconds the server asked to wait before retrying (`Retry-After` on 429/503). */
  readonly retryAfter?: number
}

/** A transport failure (no HTTP answer): refused, reset, timed out, TLS. */
export class TransportError extends Error {}

/** A connection to one API server. */
export interface Rest {
  readonly server: string
  /** The namespace of the current context (`default` when it names none). */
  readonly namespace: string
  /** Sends a request, retrying what is safe to retry; rejects with TransportError. */
  readonly request: (req: RestRequest) => Promise<RestResponse>
  /** Streams a GET line by line (watch, logs) until `onLine` returns true, the server ends, or `signal` aborts.
   * Resolves with the HTTP status and, for a non-2xx answer, its body. */
  readonly stream: (
    req: RestRequest,
    onLine: (line: string) => boolean | void,
    signal: AbortSignal,
  ) => Promise<RestResponse>
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

const urlOf = (server: string, req: RestRequest): URL => {
  const u = new URL(server.replace(/\/+$/, '') + req.path)
  for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) u.searchParams.set(k, v)
  return u
}

interface Wire {
  readonly agent: Agent | undefined
  readonly headers: Record<string, string>
}

/** Go's wording of a dial/transport error, e.g. `Get "https://…/version": dial tcp …: connect: connection refused`. */
const describe = (method: string, url: URL, err: NodeJS.ErrnoException): string => {
  const verb = method[0] + method.slice(1).toLowerCase()
  const target = `${url.origin}${url.pathname}`
  const host = url.host
  switch (err.code) {
    case 'ECONNREFUSED':
      return `${verb} "${target}": dial tcp ${host}: connect: connection refused`
    case 'ECONNRESET':
      return `${verb} "${target}": read tcp ${host}: connection reset by peer`
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${verb} "${target}": dial tcp: lookup ${url.hostname}: no such host`
    case 'ETIMEDOUT':
      return `${verb} "${target}": net/http: request canceled (Client.Timeout exceeded while awaiting headers)`
    default:
      return `${verb} "${target}": ${err.message}`
  }
}

/** What one request is doing, for the progress line. */
interface Phase {
  text: string
}

const send = (
  wire: Wire,
  req: RestRequest,
  url: URL,
  timeoutMs: number,
  onResponse?: (res: IncomingMessage) => void,
  phase: Phase = { text: '' },
) =>
  new Promise<RestResponse>((resolve, reject) => {
    const body = req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body)
    const headers: Record<string, string> = { ...wire.headers, Accept: 'application/json' }
    if (body !== undefined) {
      headers['Content-Type'] = req.contentType ?? 'application/json'
      headers['Content-Length'] = String(Buffer.byteLength(body))
    }
    const fn = url.protocol === 'http:' ? httpRequest : httpsRequest
    phase.text = `connecting to ${url.host}`
    const r = fn(url, { method: req.method, headers, ...(wire.agent ? { agent: wire.agent } : {}) }, (res) => {
      phase.text = `HTTP ${res.statusCode ?? 0} received, reading the body`
      if (onResponse) {
        onResponse(res)
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: '' }))
        res.on('close', () => resolve({ status: res.statusCode ?? 0, text: '' }))
        res.on('error', (e) => reject(new TransportError(describe(req.method, url, e))))
        return
      }
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      const retryAfter = Number(res.headers['retry-after'])
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          text: Buffer.concat(chunks).toString('utf8'),
          ...(Number.isFinite(retryAfter) && res.headers['retry-after'] !== undefined ? { retryAfter } : {}),
        }),
      )
      res.on('error', (e) => reject(new TransportError(describe(req.method, url, e))))
    })
    r.on('socket', (socket) => {
      const waiting = () => {
        phase.text = `connected to ${url.host}, no answer yet`
      }
      // a kept-alive socket is connected already
      if (!socket.connecting) return waiting()
      if (url.protocol === 'http:') return void socket.once('connect', waiting)
      socket.once('connect', () => {
        phase.text = `connected to ${url.host}, TLS handshake not finished`
      })
      socket.once('secureConnect', waiting)
    })
    const timedOut = () => r.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }))
    r.setTimeout(timeoutMs, timedOut)
    // Node arms a request's idle timer only once its socket connects (over TLS it fired after twice the time):
    // a wall-clock bound until the response headers, as Go's Client.Timeout
    const headersDue = setTimeout(timedOut, timeoutMs)
    r.on('response', () => clearTimeout(headersDue))
    r.on('close', () => clearTimeout(headersDue))
    r.on('error', (e: NodeJS.ErrnoException) => reject(new TransportError(describe(req.method, url, e))))
    if (body !== undefined) r.write(body)
    r.end()
  })

/** Whether a failed attempt may be repeated: any request the server refused to take (429, connection
 * refused), and reads on 5xx / resets / timeouts (a write may have happened; the caller re-reads instead). */
const retryable = (method: string, outcome: RestResponse | TransportError): boolean => {
  if (outcome instanceof TransportError) return method === 'GET' || /connection refused/.test(outcome.message)
  if (outcome.status === 429) return true
  return method === 'GET' && outcome.status >= 500
}

const HEADERS_TTL_MS = 10_000

/** A Rest over an already loaded client-node KubeConfig (`kc`). */
export const restFor = async (
  kc: import('@kubernetes/client-node').KubeConfig,
  opts: ConnectOptions,
): Promise<Rest> => {
  const cluster = kc.getCurrentCluster()
  if (!cluster) throw new Error('invalid configuration: no configuration has been provided')
  const authHeaders = async (): Promise<{ agent: Agent | undefined; headers: Record<string, string> }> => {
    const o: import('node:https').RequestOptions = {}
    await kc.applyToHTTPSOptions(o)
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(o.headers ?? {})) if (v !== undefined) headers[k] = String(v)
    if (o.auth) headers.Authorization = `Basic ${Buffer.from(o.auth).toString('base64')}`
    return { agent: o.agent as Agent | undefined, headers }
  }
  const first = await authHeaders()
  const agent = first.agent as (Agent & { keepAlive?: boolean }) | undefined
  if (agent) agent.keepAlive = true
  // Credentials can change under a long-lived client (exec plugins' expiring tokens, the rotated in-cluster
  // service-account token file): they are asked for again after credentialsTtlMs, the TLS agent is kept.
  let cached = { at: Date.now(), headers: first.headers }
  const wireNow = async (): Promise<Wire> => {
    if (Date.now() - cached.at > (opts.credentialsTtlMs ?? HEADERS_TTL_MS))
      cached = { at: Date.now(), headers: (await authHeaders()).headers }
    return { agent, headers: cached.headers }
  }
  const timeout = opts.timeoutMs ?? 30_000
  const attempts = Math.max(1, opts.retries ?? 4)
  const backoff = opts.backoffMs ?? 100
  const ctx = kc.getContextObject(kc.getCurrentContext())
  return {
    server: cluster.server,
    namespace: ctx?.namespace || 'default',
    request: async (req) => {
      const url = urlOf(cluster.server, req)
      const phase: Phase = { text: 'starting' }
      const started = Date.now()
      const { progress } = opts
      const timer = progress
        ? setInterval(() => {
            const s = Math.round((Date.now() - started) / 1000)
            progress(
              `waiting for the Kubernetes API server at ${cluster.server} (${s}s): ${req.method} ${req.path}: ${phase.text}\n`,
            )
          }, opts.progressEveryMs ?? 5000)
        : undefined
      try {
        for (let i = 1; ; i++) {
          const outcome = await send(await wireNow(), req, url, req.timeoutMs ?? timeout, undefined, phase).catch(
            (e: unknown) => (e instanceof TransportError ? e : new TransportError(String(e))),
          )
          if (i >= attempts || !retryable(req.method, outcome)) {
            if (outcome instanceof TransportError) throw outcome
            return outcome
          }
          const asked = outcome instanceof TransportError ? undefined : outcome.retryAfter
          phase.text = `attempt ${i} of ${attempts} failed (${outcome instanceof TransportError ? outcome.message : `HTTP ${outcome.status}`}), trying again`
          await sleep(asked !== undefined ? Math.min(asked * 1000, 10_000) : backoff * 2 ** (i - 1))
        }
      } finally {
        if (timer) clearInterval(timer)
      }
    },
    stream: async (req, onLine, signal) => {
      const url = urlOf(cluster.server, req)
      let status = 0
      let errorText = ''
      return send(await wireNow(), req, url, req.timeoutMs ?? 24 * 3600 * 1000, (res) => {
        status = res.statusCode ?? 0
        let buf = ''
        const stop = (): void => {
          res.destroy()
        }
        if (signal.aborted) return stop()
        signal.addEventListener('abort', stop, { once: true })
        res.on('data', (c: Buffer) => {
          if (status < 200 || status >= 300) {
            errorText += c.toString('utf8')
            return
          }
          buf += c.toString('utf8')
          let nl: number
          while ((nl = buf.indexOf('\n')) >= 0) {
            const line = buf.slice(0, nl)
            buf = buf.slice(nl + 1)
            if (line.trim() !== '' && onLine(line) === true) return stop()
          }
        })
        res.on('end', () => {
          if (buf.trim() !== '' && status >= 200 && status < 300) onLine(buf)
        })
      }).then(() => ({ status, text: errorText }))
    },
  }
}

/**
 * client-node's `loadFromDefault` over a given environment: the files of `$KUBECONFIG` (the first, then each next
 * merged), else `$HOME/.kube/config`, else the in-cluster service account, else the insecure localhost:8080.
 */
export const loadFromEnv = (
  kc: KubeConfig,
  env: Readonly<Record<string, string | undefined>>,
  KubeConfigClass: new () => KubeConfig,
): void => {
  const files = (env.KUBECONFIG ?? '').split(delimiter).filter((f) => f !== '')
  if (files.length > 0) {
    kc.loadFromFile(files[0]!)
    for (const f of files.slice(1)) {
      const next = new KubeConfigClass()
      next.loadFromFile(f)
      kc.mergeConfig(next)
    }
    return
  }
  const home = join(env.HOME || homedir(), '.kube', 'config')
  if (existsSync(home)) kc.loadFromFile(home)
  else if (existsSync('/var/run/secrets/kubernetes.io/serviceaccount/token')) kc.loadFromCluster()
  else
    kc.loadFromClusterAndUser(
      { name: 'cluster', server: 'http://localhost:8080', skipTLSVerify: false },
      { name: 'user' },
    )
}

/** Loads the cluster configuration and connects; rejects with a one-line message on a bad configuration. */
export const connect = async (opts: ConnectOptions = {}): Promise<Rest> => {
  const { KubeConfig } = await import('@kubernetes/client-node')
  const kc = new KubeConfig()
  try {
    if (opts.kubeconfigYaml !== undefined) kc.loadFromString(opts.kubeconfigYaml)
    else if (opts.inCluster)
      kc.loadFromCluster(typeof opts.inCluster === 'object' ? opts.inCluster.pathPrefix : undefined)
    else if (opts.kubeconfig) kc.loadFromFile(opts.kubeconfig)
    else if (opts.env) loadFromEnv(kc, opts.env, KubeConfig)
    else kc.loadFromDefault()
    if (opts.context) {
      if (!kc.getContextObject(opts.context)) throw new Error(`context "${opts.context}" does not exist`)
      kc.setCurrentContext(opts.context)
    }
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0]
    throw new Error(`invalid configuration: ${opts.kubeconfig ? `${opts.kubeconfig}: ` : ''}${msg}`)
  }
  try {
    return await restFor(kc, opts)
  } catch (e) {
    throw new Error(`invalid configuration: ${(e as Error).message.replace(/^invalid configuration: /, '')}`)
  }
}

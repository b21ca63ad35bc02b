// One HTTP/2 connection to Tiller on node:http2, with the connectivity states of a gRPC channel (IDLE,
// CONNECTING, READY, TRANSIENT_FAILURE, SHUTDOWN) that Client.ts builds its connection diagnostics on. A client
// process makes one or two calls and exits, so this is what grpc-js's channel did for it without its resolvers,
// load balancers, channelz and server: connect on demand; READY once the server's SETTINGS arrive (a socket that
// accepts and never speaks HTTP/2 is not Tiller); a failed attempt is TRANSIENT_FAILURE, then IDLE again after an
// exponential backoff (1 s, x1.6, +-20%, at most 120 s; an attempt gives up after 20 s), as gRPC's connection
// backoff spec; a connection lost after READY is IDLE (the next call reconnects). HTTP CONNECT proxies from
// grpc_proxy / https_proxy / http_proxy, except hosts in no_grpc_proxy / no_proxy, as grpc-js reads them.
import { type ClientHttp2Session, connect as h2connect } from 'node:http2'
import { connect as netConnect, isIPv4, type Socket } from 'node:net'
import type { ConnectionOptions } from 'node:tls'

export type ChannelState = 'IDLE' | 'CONNECTING' | 'READY' | 'TRANSIENT_FAILURE' | 'SHUTDOWN'

export interface H2ChannelOptions {
  /** `host:port` (an IPv6 host in brackets). */
  readonly address: string
  /** TLS options of each connection (ALPN h2 is added); absent: plaintext. */
  readonly tls?: () => Promise<ConnectionOptions>
  /** The `:authority` of each call (default: the address). */
  readonly authority?: string
  /** Keepalive ping interval while calls run (gRPC `keepalive_time_ms`); 0: none. */
  readonly keepaliveMs?: number
  /** The environment naming proxies (grpc_proxy, no_proxy, ...); absent: none. */
  readonly env?: Readonly<Record<string, string | undefined>>
}

const CONNECT_TIMEOUT_MS = 20_000
const KEEPALIVE_TIMEOUT_MS = 20_000

export const splitHostPort = (address: string): { host: string; port: number } => {
  const i = address.lastIndexOf(':')
  return { host: address.slice(0, i).replace(/^\[|\]$/g, ''), port: Number(address.slice(i + 1)) }
}

interface Proxy {
  readonly host: string
  readonly port: number
  readonly creds?: string
}

/** The HTTP CONNECT proxy for `host`, as grpc-js reads the environment (only `http:` proxy URLs). */
export const proxyFor = (host: string, env: Readonly<Record<string, string | undefined>>): Proxy | undefined => {
  const raw = env.grpc_proxy || env.https_proxy || env.http_proxy
  if (!raw) return undefined
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:') return undefined
  const noProxy = (env.no_grpc_proxy || env.no_proxy || '').split(',').filter((h) => h !== '')
  for (const entry of noProxy) {
    const cidr = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(entry)
    if (cidr && isIPv4(cidr[1]!) && isIPv4(host) && Number(cidr[2]) <= 32) {
      const mask = Number(cidr[2]) === 0 ? 0 : -1 << (32 - Number(cidr[2]))
      const int = (ip: string) => ip.split('.').reduce((a, o) => (a << 8) + Number(o), 0)
      if ((int(host) & mask) === (int(cidr[1]!) & mask)) return undefined
    } else if (host.endsWith(entry)) return undefined
  }
  const user = url.username ? decodeURIComponent(url.username) : ''
  const creds = url.password ? `${user}:${decodeURIComponent(url.password)}` : user
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || '80'), ...(creds ? { creds } : {}) }
}

/** A socket to `target` through `proxy` (HTTP CONNECT), or the proxy's refusal. */
const throughProxy = async (proxy: Proxy, target: string): Promise<Socket> => {
  const { request } = await import('node:http')
  return new Promise((resolve, reject) => {
    const req = request({
      host: proxy.host,
      port: proxy.port,
      method: 'CONNECT',
      path: target,
      headers: {
        Host: target,
        ...(proxy.creds ? { 'Proxy-Authorization': `Basic ${Buffer.from(proxy.creds).toString('base64')}` } : {}),
      },
    })
    req.once('connect', (res, socket, head) => {
      req.removeAllListeners()
      socket.removeAllListeners()
      if (res.statusCode !== 200) {
        socket.destroy()
        return reject(new Error(`the proxy ${proxy.host}:${proxy.port} refused CONNECT ${target}: ${res.statusCode}`))
      }
      if (head.length > 0) socket.unshift(head)
      resolve(socket)
    })
    req.once('error', (e) => {
      req.removeAllListeners()
      reject(e)
    })
    req.end()
  })
}

/** A gRPC channel's worth of connection to one address over node:http2. */
export class H2Channel {
  private state: ChannelState = 'IDLE'
  private current: ClientHttp2Session | undefined
  private readonly watchers = new Set<() => void>()
  private backoffMs = 1000
  private retry: NodeJS.Timeout | undefined
  private keepalive: NodeJS.Timeout | undefined
  private attempt: NodeJS.Timeout | undefined
  private calls = 0
  private pendingSocket: Socket | undefined

  constructor(private readonly opts: H2ChannelOptions) {}

  /** The state now; `tryToConnect` starts a connection when IDLE. */
  getState(tryToConnect: boolean): ChannelState {
    if (tryToConnect && this.state === 'IDLE') this.connect()
    return this.state
  }

  /** Calls `f` at the next change of state; the returned function cancels that. */
  onceChanged(f: () => void): () => void {
    this.watchers.add(f)
    return () => this.watchers.delete(f)
  }

  /** The READY connection, or undefined. */
  session(): ClientHttp2Session | undefined {
    return this.state === 'READY' ? this.current : undefined
  }

  /** A call starts on the connection (it keeps the process alive and keepalive pings run until it ends). */
  callStarted(): void {
    if (this.calls++ === 0) {
      this.current?.ref()
      const every = this.opts.keepaliveMs ?? 0
      if (every > 0) {
        this.keepalive = setInterval(() => this.ping(), every)
        this.keepalive.unref()
      }
    }
  }

  callEnded(): void {
    if (--this.calls > 0) return
    this.calls = 0
    clearInterval(this.keepalive)
    this.current?.unref()
  }

  close(): void {
    this.set('SHUTDOWN')
    clearTimeout(this.retry)
    clearTimeout(this.attempt)
    clearInterval(this.keepalive)
    const s = this.current
    this.current = undefined
    // calls under way end first (as grpc-js's close); an idle or unfinished connection goes at once
    if (s && !s.destroyed) this.calls > 0 ? s.close() : s.destroy()
    this.pendingSocket?.destroy()
  }

  private set(next: ChannelState): void {
    if (this.state === next || this.state === 'SHUTDOWN') return
    this.state = next
    const now = [...this.watchers]
    this.watchers.clear()
    for (const f of now) f()
  }

  private ping(): void {
    const s = this.current
    if (!s || s.destroyed) return
    const timer = setTimeout(() => s.destroy(), KEEPALIVE_TIMEOUT_MS)
    timer.unref()
    try {
      s.ping((err) => {
        clearTimeout(timer)
        if (err) s.destroy()
      })
    } catch {
      clearTimeout(timer)
    }
  }

  private async socket(): Promise<Socket> {
    const { host, port } = splitHostPort(this.opts.address)
    const proxy = this.opts.env ? proxyFor(host, this.opts.env) : undefined
    const raw = proxy
      ? await throughProxy(proxy, host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`)
      : netConnect({ host, port })
    if (!this.opts.tls) return raw
    const [{ connect: tlsConnect }, options] = await Promise.all([import('node:tls'), this.opts.tls()])
    return tlsConnect({ ...options, socket: raw, ALPNProtocols: ['h2'] })
  }

  private connect(): void {
    this.set('CONNECTING')
    let settled = false
    const failed = () => {
      if (settled) return
      settled = true
      clearTimeout(timeout)
      this.pendingSocket = undefined
      if (this.state === 'SHUTDOWN') return
      this.set('TRANSIENT_FAILURE')
      const wait = Math.min(this.backoffMs, 120_000) * (0.8 + Math.random() * 0.4)
      this.backoffMs *= 1.6
      this.retry = setTimeout(() => this.set('IDLE'), wait)
    }
    const timeout = setTimeout(() => {
      this.current?.destroy()
      this.pendingSocket?.destroy()
      failed()
    }, CONNECT_TIMEOUT_MS)
    this.attempt = timeout
    this.socket().then(
      (sock) => {
        if (this.state === 'SHUTDOWN') {
          sock.destroy()
          return
        }
        this.pendingSocket = sock
        const scheme = this.opts.tls ? 'https' : 'http'
        const s = h2connect(`${scheme}://${this.opts.authority ?? this.opts.address}`, {
          createConnection: () => sock,
          settings: { enablePush: false },
        })
        this.current = s
        s.on('error', () => undefined)
        s.once('remoteSettings', () => {
          if (settled || this.state === 'SHUTDOWN') return
          settled = true
          clearTimeout(timeout)
          this.pendingSocket = undefined
          this.backoffMs = 1000
          if (this.calls === 0) s.unref()
          this.set('READY')
        })
        const lost = () => {
          if (this.current === s) this.current = undefined
          if (!settled) return failed()
          if (this.state === 'READY') this.set('IDLE')
        }
        s.once('close', lost)
        s.once('goaway', lost)
      },
      () => failed(),
    )
  }
}

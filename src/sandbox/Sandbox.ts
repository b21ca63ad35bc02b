// `startSandbox`: the loopback Kubernetes API server emulator, in-process: the fake cluster engine
// (./engine) served over HTTPS with a generated CA and a bearer token by default (plain HTTP on request),
// optionally persisted to a folder (every write fsynced before it is answered, Journal.ts).
// Known differences from a real API server: server-side apply tracks what each manager applied instead of
// managedFields (no field conflicts); protobuf request bodies are read for the kinds kubectl's
// `create <kind>` generators send that way and DeleteOptions (ProtobufSchema.ts lists them);
// no RBAC, admission, aggregated discovery or OpenAPI schemas; pods run nothing (a pod's log is its
// `sandbox.wheelhouse.io/log` annotation, pods/portforward reaches the loopback address of its
// `sandbox.wheelhouse.io/forward-<port>` annotation; bare pods with restartPolicy Never/OnFailure succeed at once).
import { randomBytes, randomInt, randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { createServer as createHttp, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttps } from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { decodeCerts, generateCerts, type SandboxCerts } from './Certs'
import { createEngine, DEFAULT_VERSION, type Engine, type ServerVersion } from './engine/Engine'
import { pathNotFound, unauthorized } from './engine/Status'
import type { ObjectStore } from './engine/Store'
import { durableWrite, type Journal, loadState, openJournal } from './Journal'
import { isPortForward, servePortForward } from './PortForward'
import { handler, type Fault } from './Server'

export type { Fault, FaultKind } from './Server'

/** How to start a sandbox. Every field is optional. */
export interface SandboxOptions {
  /** Loopback address to listen on (127.0.0.1 unless ::1 or localhost); port 0 picks a free one. */
  readonly host?: string
  readonly port?: number
  /** HTTPS with a generated CA (default) or plain HTTP. */
  readonly tls?: boolean
  /** Bearer token clients must send; generated when absent over HTTPS. Over plain HTTP there is none unless
   * one is given: kubectl (client-go) never sends a bearer token to an http:// server. */
  readonly token?: string
  /** Folder holding the state (and the CA, key and token, reused on restart). A write is on disk (fsynced)
   * before it is answered. */
  readonly dataDir?: string
  /** Whether the fake workload controllers run (default true). */
  readonly controllers?: boolean
  readonly version?: ServerVersion
  /** Events kept for watch replay (older resourceVersions answer 410 Gone). */
  readonly watchHistory?: number
  /** Keep the process alive while the sandbox runs (the executable does); in-process sandboxes do not by
   * default, so a test that forgets to stop one cannot hang its runner. */
  readonly holdProcess?: boolean
}

/** A running sandbox. */
export interface Sandbox {
  readonly url: string
  /** A kubeconfig (YAML) whose current context `sandbox` points at this server, namespace `default`. */
  readonly kubeconfig: string
  /** The bearer token clients must send (undefined: none required). */
  readonly token: string | undefined
  readonly caPem: string | undefined
  readonly store: ObjectStore
  /** The fake cluster it serves. */
  readonly engine: Engine
  /** Turns the fake workload controllers on or off. */
  readonly setControllers: (on: boolean) => void
  /** Injects a fault into matching requests; returns it (its `times` counts down). */
  readonly inject: (fault: Fault) => Fault
  readonly clearFaults: () => void
  /** Ends every open watch stream (as an API server restart would); clients must resume. */
  readonly endWatches: () => void
  /** Resolves once every write so far is on disk (at once without a data folder). */
  readonly flush: () => Promise<void>
  readonly stop: () => Promise<void>
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost'])

const loadOrMake = <T>(
  dir: string | undefined,
  file: string,
  make: () => T,
  enc: (t: T) => string,
  dec: (s: string) => T,
): T => {
  if (!dir) return make()
  const p = join(dir, file)
  if (existsSync(p)) return dec(readFileSync(p, 'utf8'))
  const v = make()
  durableWrite(p, enc(v))
  return v
}

const kubeconfigFor = (url: string, token: string | undefined, caPem: string | undefined): string =>
  stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'sandbox',
        cluster: caPem
          ? { server: url, 'certificate-authority-data': Buffer.from(caPem).toString('base64') }
          : { server: url, 'insecure-skip-tls-verify': true },
      },
    ],
    contexts: [{ name: 'sandbox', context: { cluster: 'sandbox', user: 'sandbox', namespace: 'default' } }],
    'current-context': 'sandbox',
    users: [{ name: 'sandbox', user: token ? { token } : {} }],
    preferences: {},
  })

/** Starts a sandbox cluster on loopback; resolves once it listens. Rejects for a non-loopback host. */
export const startSandbox = async (opts: SandboxOptions = {}): Promise<Sandbox> => {
  const host = opts.host ?? '127.0.0.1'
  if (!LOOPBACK.has(host)) throw new Error(`the sandbox listens on loopback only, not ${host}`)
  const dir = opts.dataDir
  if (dir) mkdirSync(dir, { recursive: true })
  const tls = opts.tls ?? true
  const token =
    opts.token ??
    (tls
      ? loadOrMake(
          dir,
          'token',
          () => randomBytes(24).toString('hex'),
          String,
          (s) => s.trim(),
        )
      : undefined)
  const certs: SandboxCerts | undefined = tls
    ? loadOrMake(
        dir,
        'certs.json',
        generateCerts,
        (c) => JSON.stringify(c),
        (s) => decodeCerts(s, join(dir ?? '', 'certs.json')),
      )
    : undefined

  const engine = createEngine({
    env: { now: () => new Date(), uid: randomUUID, random: randomInt },
    snapshot: dir ? loadState(dir) : undefined,
    ...(opts.watchHistory !== undefined ? { watchHistory: opts.watchHistory } : {}),
    controllers: opts.controllers ?? true,
  })
  const { store, controllers } = engine
  const journal: Journal | undefined = dir ? await openJournal(dir, () => store.snapshot()) : undefined
  if (journal) store.subscribe(journal.record)
  const durable = (): Promise<void> => (journal ? journal.durable(store.rv) : Promise.resolve())

  const watches = new Set<ServerResponse>()
  const hung = new Set<ServerResponse>()
  const faults: Fault[] = []
  let address = ''
  const handle = handler({
    engine,
    version: opts.version ?? DEFAULT_VERSION,
    token,
    faults,
    watches,
    hung,
    address: () => address,
    durable,
  })
  const server: Server = certs ? createHttps({ cert: certs.certPem, key: certs.keyPem }, handle) : createHttp(handle)
  server.keepAliveTimeout = 65_000
  const upgraded = new Set<import('node:stream').Duplex>()
  server.on(
    'upgrade',
    (req: import('node:http').IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => {
      upgraded.add(socket)
      socket.on('close', () => upgraded.delete(socket))
      socket.on('error', () => socket.destroy())
      const url = new URL(req.url ?? '/', 'http://sandbox')
      const reject = (code: number, reason: string, body: unknown) => {
        const text = JSON.stringify(body)
        socket.end(
          `HTTP/1.1 ${code} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
        )
      }
      if (token !== undefined && req.headers.authorization !== `Bearer ${token}`)
        return reject(401, 'Unauthorized', unauthorized().status)
      if (req.method !== 'GET' || !isPortForward(url.pathname)) return reject(404, 'Not Found', pathNotFound().status)
      servePortForward(store, req, socket, head, url)
    },
  )
  if (!opts.holdProcess) {
    server.unref()
    server.on(certs ? 'secureConnection' : 'connection', (socket: import('node:net').Socket) => socket.unref())
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  address = `${host.includes(':') ? `[${host}]` : host}:${port}`
  const url = `${tls ? 'https' : 'http'}://${address}`

  return {
    url,
    kubeconfig: kubeconfigFor(url, token, certs?.caPem),
    token,
    caPem: certs?.caPem,
    store,
    engine,
    setControllers: (on) => controllers.setEnabled(on),
    inject: (f) => {
      faults.push(f)
      return f
    },
    clearFaults: () => faults.splice(0, faults.length),
    endWatches: () => {
      for (const w of [...watches]) w.end()
    },
    flush: durable,
    stop: async () => {
      controllers.stop()
      for (const w of [...watches]) w.end()
      for (const h of [...hung]) h.destroy()
      for (const u of [...upgraded]) u.destroy()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      await closed
      await journal?.close()
    },
  }
}

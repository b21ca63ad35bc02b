import { type Server, createServer } from 'node:http'

/** What the probe endpoints report. */
export interface ProbeSource {
  readonly ready: () => boolean
  readonly inFlight: () => number
  readonly handled: () => ReadonlyMap<string, number>
}

const SERVICE = 'hapi.services.tiller.ReleaseService'
const STREAMING = new Set(['ListReleases', 'RunReleaseTest'])

/** Prometheus text exposition of the gRPC calls (go-grpc-prometheus metric names, as Helm v2's Tiller exports). */
export const metricsText = (src: ProbeSource): string => {
  const lines = [
    '# HELP grpc_server_handled_total Total number of RPCs completed on the server, regardless of success or failure.',
    '# TYPE grpc_server_handled_total counter',
  ]
  for (const [key, n] of [...src.handled()].sort(([a], [b]) => a.localeCompare(b))) {
    const [method, code] = key.split(' ')
    const type = STREAMING.has(method!) ? 'server_stream' : 'unary'
    lines.push(
      `grpc_server_handled_total{grpc_code="${code}",grpc_method="${method}",grpc_service="${SERVICE}",grpc_type="${type}"} ${n}`,
    )
  }
  lines.push(
    '# HELP tiller_operations_in_flight Release service calls being served.',
    '# TYPE tiller_operations_in_flight gauge',
    `tiller_operations_in_flight ${src.inFlight()}`,
  )
  return `${lines.join('\n')}\n`
}

/** Serves /liveness, /readiness and /metrics on `host:port`; resolves once listening. */
export const startProbes = (host: string, port: number, src: ProbeSource): Promise<Server> => {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    if (path === '/liveness') {
      res.writeHead(200).end()
    } else if (path === '/readiness') {
      res.writeHead(src.ready() ? 200 : 503).end()
    } else if (path === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(metricsText(src))
    } else {
      res.writeHead(404).end('404 page not found\n')
    }
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host === '' ? '0.0.0.0' : host, () => resolve(server))
  })
}

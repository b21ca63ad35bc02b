// bin/tiller's configuration: flags and TILLER_* variables, namespace resolution, the probe endpoints.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { parseTillerFlags } from '../../src/tiller/flags'
import { startProbes } from '../../src/tiller/probes'
import { tillerNamespace } from '../../src/tiller/wiring'

const flags = suite('tiller flags')
flags('should default to loopback, ConfigMap storage, unlimited history and no TLS', () => {
  const f = parseTillerFlags([], {})
  assert.equal(
    [f.listen, f.probeListen, f.storage, f.historyMax, f.tls, f.tlsVerify],
    ['127.0.0.1:44134', '127.0.0.1:44135', 'configmap', 0, false, false],
  )
  assert.equal([f.tlsCert, f.tlsKey, f.tlsCaCert], ['/etc/certs/tls.crt', '/etc/certs/tls.key', '/etc/certs/ca.crt'])
})
flags('should read TILLER_* variables and let flags override them; --tls-verify implies --tls', () => {
  const env = { TILLER_HISTORY_MAX: '5', TILLER_TLS_VERIFY: '1', TILLER_TLS_CERTS: '/pki' }
  const f = parseTillerFlags(['--listen=:44134', '--storage', 'secret', '--history-max', '9'], env)
  assert.equal(
    [f.listen, f.storage, f.historyMax, f.tls, f.tlsVerify, f.tlsCert],
    [':44134', 'secret', 9, true, true, '/pki/tls.crt'],
  )
  assert.is(parseTillerFlags([], { TILLER_HISTORY_MAX: '5', TILLER_TLS_ENABLE: 'false' }).historyMax, 5)
  assert.is(parseTillerFlags([], { TILLER_TLS_ENABLE: 'false' }).tls, false)
})
flags("should take Helm 3/4's storage layouts, shared with real Helm", () => {
  assert.is(parseTillerFlags(['--storage', 'helm3-secret'], {}).storage, 'helm3-secret')
  assert.is(parseTillerFlags(['--storage=helm3-configmap'], {}).storage, 'helm3-configmap')
})
flags('should refuse unknown flags, storage drivers and non-integer numbers as Go flags do', () => {
  assert.throws(() => parseTillerFlags(['--nope'], {}), /unknown flag: --nope/)
  assert.throws(() => parseTillerFlags(['--storage', 'sql'], {}), /unknown storage driver "sql"/)
  assert.throws(() => parseTillerFlags(['--history-max', 'ten'], {}), /invalid argument "ten" for "--history-max" flag/)
  assert.throws(() => parseTillerFlags(['--listen'], {}), /flag needs an argument: --listen/)
})
flags.run()

const ns = suite('tiller namespace')
ns('should take TILLER_NAMESPACE, else the service account namespace file, else kube-system', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tiller-ns-'))
  const sa = join(dir, 'namespace')
  assert.is(tillerNamespace({}, sa), 'kube-system')
  writeFileSync(sa, 'team-a\n')
  assert.is(tillerNamespace({}, sa), 'team-a')
  assert.is(tillerNamespace({ TILLER_NAMESPACE: 'ops' }, sa), 'ops')
})
ns.run()

const probes = suite('tiller probes')
probes('should answer liveness, readiness (503 when not ready) and Prometheus metrics', async () => {
  let ready = false
  const handled = new Map([
    ['InstallRelease OK', 3],
    ['ListReleases Unknown', 1],
  ])
  const server = await startProbes('127.0.0.1', 0, { ready: () => ready, inFlight: () => 2, handled: () => handled })
  const port = (server.address() as { port: number }).port
  const get = (p: string) => fetch(`http://127.0.0.1:${port}${p}`)
  try {
    assert.is((await get('/liveness')).status, 200)
    assert.is((await get('/readiness')).status, 503)
    ready = true
    assert.is((await get('/readiness')).status, 200)
    const metrics = await (await get('/metrics')).text()
    assert.match(
      metrics,
      /\ngrpc_server_handled_total\{grpc_code="OK",grpc_method="InstallRelease",grpc_service="hapi\.services\.tiller\.ReleaseService",grpc_type="unary"\} 3\n/,
    )
    assert.match(
      metrics,
      /grpc_code="Unknown",grpc_method="ListReleases",grpc_service="hapi\.services\.tiller\.ReleaseService",grpc_type="server_stream"\} 1\n/,
    )
    assert.match(metrics, /\ntiller_operations_in_flight 2\n$/)
    assert.is((await get('/other')).status, 404)
  } finally {
    await new Promise((r) => server.close(r))
  }
})
probes.run()

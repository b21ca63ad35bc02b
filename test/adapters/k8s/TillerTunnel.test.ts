// The tunnel's search for Tiller's pod reads the API server's answers through a decoder: an answer of the
// wrong shape or an error Status gives one line naming what was wrong, never a crash.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { openTillerTunnel } from '../../../src/adapters/k8s/TillerTunnel'
import { message } from '../../../src/domain/errors'

/** A plain-HTTP API server that answers every pod list with `status` and `body`; the tunnel's outcome. */
const tunnelAgainst = async (status: number, body: string) => {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const list = req.url?.startsWith('/api/v1/namespaces/kube-system/pods?')
    res.writeHead(list ? status : 404, { 'content-type': 'application/json' })
    res.end(list ? body : '{}')
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as { port: number }).port
  const dir = mkdtempSync(join(tmpdir(), 'tunnel-'))
  const kubeconfig = join(dir, 'config')
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{name: c, cluster: {server: "http://127.0.0.1:PORT", insecure-skip-tls-verify: true}}]'.replace(
        'PORT',
        String(port),
      ),
      'users: [{name: u, user: {}}]',
      'contexts: [{name: x, context: {cluster: c, user: u}}]',
      'current-context: x',
      '',
    ].join('\n'),
  )
  try {
    const out = await openTillerTunnel({ namespace: 'kube-system', kubeconfig }, {})
    if (out._tag === 'Open') out.tunnel.close()
    return out._tag === 'Failed' ? message(out.error) : out._tag
  } finally {
    await new Promise<void>((r) => server.close(() => r()))
  }
}

const answers = suite('openTillerTunnel: the pod list answer')
answers('should name the field of a pod list of the wrong shape', async () => {
  const line = await tunnelAgainst(200, '{"kind":"PodList","items":"none"}')
  assert.match(line, /^could not find tiller: the pods in namespace "kube-system" of http:\/\/127\.0\.0\.1:\d+: /)
  assert.match(line, /unexpected answer from the server: items: /)
  assert.not.match(line, /\n/)
})
answers('should say that an answer is no JSON', async () => {
  const line = await tunnelAgainst(200, '<html>proxy login</html>')
  assert.match(line, /the server answered with something other than JSON/)
  assert.not.match(line, /\n/)
})
answers("should give an error Status's message, or the body of a non-Status error", async () => {
  const status = JSON.stringify({
    kind: 'Status',
    apiVersion: 'v1',
    status: 'Failure',
    message: 'pods is forbidden: User "x" cannot list resource "pods" in API group "" in the namespace "kube-system"',
    reason: 'Forbidden',
    code: 403,
  })
  assert.match(
    await tunnelAgainst(403, status),
    /^could not find tiller: cannot list the pods in namespace "kube-system" of http:\/\/127\.0\.0\.1:\d+: pods is forbidden: User "x" cannot list/,
  )
  assert.match(await tunnelAgainst(502, 'bad gateway\n'), /cannot list the pods .*: bad gateway$/)
  assert.match(await tunnelAgainst(500, ''), /cannot list the pods .*: the server responded with the status code 500$/)
})
answers('should read pods with null lists as none, and a list with no ready pod as not ready', async () => {
  assert.match(await tunnelAgainst(200, '{"items":null}'), /no pod labelled app=helm,name=tiller/)
  const pods = { items: [{ metadata: { name: 'tiller-a' }, status: { phase: 'Pending', conditions: null } }] }
  assert.is(await tunnelAgainst(200, JSON.stringify(pods)), 'could not find a ready tiller pod: tiller-a is Pending')
})
answers.run()

// The release commands' output forms against a gRPC Tiller (in-process server, memory cluster): delete
// without --purge keeps the name, uninstall purges, list/history/status -o json|yaml, get --template, version.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { parse } from 'yaml'
import { startGrpcServer } from '../../src/adapters/grpc/Server'
import { createTiller } from '../../src/tiller/embed'
import * as E from 'fp-ts/Either'
import { withProgress } from '../../src/cli/TillerCommand'
import { tillerNotFound } from '../../src/domain/transport/TransportError'
import { helm } from '../helpers'

const cmds = suite('release commands over gRPC')

cmds('should print Helm v2 forms for list, history, status, get, delete and uninstall', async () => {
  const server = await startGrpcServer({ api: createTiller(), listen: '127.0.0.1:0', version: 'v2.17.0' })
  const dir = mkdtempSync(join(tmpdir(), 'wh-cmds-'))
  const env = { HOME: dir, HELM_HOST: `127.0.0.1:${server.port}` }
  const run = async (...args: string[]) => {
    const r = await helm(args, { cwd: dir, env })
    assert.is(r.code, 0, `${args.join(' ')}: ${r.stderr}`)
    return r.stdout
  }
  try {
    await run('create', 'demo')
    await run('install', './demo', '--name', 'one')
    await run('install', './demo', '--name', 'two', '--namespace', 'ns2')
    await run('upgrade', 'two', './demo', '--set', 'replicaCount=3')

    const json = JSON.parse(await run('list', '--output', 'json'))
    assert.equal(Object.keys(json), ['Next', 'Releases'])
    assert.equal(
      json.Releases.map((r: { Name: string; Revision: number; Namespace: string }) => [
        r.Name,
        r.Revision,
        r.Namespace,
      ]),
      [
        ['one', 1, 'default'],
        ['two', 2, 'ns2'],
      ],
    )
    assert.equal(parse(await run('list', '--output', 'yaml')).Releases[1].Chart, 'demo-0.1.0')
    assert.is(await run('list', '-q', '-r'), 'two\none\n')
    assert.is(await run('list', '-q', 't.o'), 'two\n')
    assert.is(await run('list', '-q', '--namespace', 'ns2'), 'two\n')

    const hist = JSON.parse(await run('history', 'two', '-o', 'json'))
    assert.equal(
      hist.map((h: { revision: number; status: string }) => [h.revision, h.status]),
      [
        [1, 'SUPERSEDED'],
        [2, 'DEPLOYED'],
      ],
    )
    const st = JSON.parse(await run('status', 'two', '-o', 'json'))
    // Helm v2 marshals the status code as its enum number (DEPLOYED = 1)
    assert.equal([st.name, st.namespace, st.info.status.code], ['two', 'ns2', 1])
    assert.is(await run('get', 'two', '--template', '{{ .Release.Name }}-{{ .Release.Version }}'), 'two-2')
    assert.match(
      await run('get', 'two'),
      /^REVISION: 2\nRELEASED: .+\nCHART: demo-0\.1\.0\nUSER-SUPPLIED VALUES:\nreplicaCount: 3\n\nCOMPUTED VALUES:\n/,
    )
    assert.match(await run('get', 'hooks', 'two'), /^---\n# two-demo-test-connection\n/)
    assert.match(await run('get', 'notes', 'two'), /^NOTES:\n1\. Get the application URL/)
    assert.is(await run('get', 'values', 'two', '--output', 'json'), '{"replicaCount":3}\n')
    assert.match(await run('get', 'values', 'two', '-a'), /\nreplicaCount: 3\n/)

    assert.is(await run('delete', 'one'), 'release "one" deleted\n')
    assert.is(await run('list', '-q'), 'two\n')
    assert.is(await run('list', '-q', '--deleted'), 'one\n')
    const again = await helm(['install', './demo', '--name', 'one'], { cwd: dir, env })
    assert.is(again.code, 1)
    assert.match(again.stderr, /^Error: a release named one already exists\./)
    assert.is(await run('uninstall', 'two'), 'release "two" uninstalled\n')
    assert.is(await run('list', '-q', '--all'), 'one\n')
    const missing = await helm(['status', 'two'], { cwd: dir, env })
    assert.equal([missing.code, missing.stderr], [1, 'Error: release: "two" not found\n'])
    assert.is(
      await run('version'),
      'Client: &version.Version{SemVer:"v2.17.0", GitCommit:"", GitTreeState:""}\nServer: &version.Version{SemVer:"v2.17.0", GitCommit:"", GitTreeState:""}\n',
    )
    // Helm v2.17 formatVersion: without a commit, --short prints the full form
    assert.is(
      await run('version', '-s', '--short'),
      'Server: &version.Version{SemVer:"v2.17.0", GitCommit:"", GitTreeState:""}\n',
    )
  } finally {
    await server.stop(0)
  }
})

cmds.run()

const progress = suite('--wait progress')
progress('should say every interval what a waiting upgrade still waits for, and stop when it ends', async () => {
  const tiller = createTiller()
  const table =
    '==> v1/Deployment\nNAME  READY  UP-TO-DATE  AVAILABLE  AGE\nweb   0/2    2           0          5s\napi   1/1    1           1          5s\n\n==> v1/Service\nNAME  TYPE  AGE\nweb   ClusterIP  5s'
  const slow = {
    ...tiller,
    updateRelease: () => async () => {
      await new Promise((r) => setTimeout(r, 130))
      return E.left(tillerNotFound('x'))
    },
    getReleaseStatus: () => async () =>
      E.right({
        name: 'web',
        namespace: 'default',
        info: { status: { code: 'PENDING_UPGRADE' as const, resources: table }, description: '' },
      }),
  }
  const lines: string[] = []
  const api = withProgress(slow, (l) => lines.push(l), { everyMs: 50 })
  await api.updateRelease({ name: 'web', wait: true, timeout: 300 })()
  const seen = lines.length
  assert.ok(seen >= 1 && seen <= 3, String(seen))
  assert.match(lines[0]!, /^waiting for release web to become ready \(\d+s of 300s\): not ready: Deployment\/web\n$/)
  await new Promise((r) => setTimeout(r, 120))
  assert.is(lines.length, seen)
  // without --wait the line says what Tiller is doing; none while the connection is not up
  await api.updateRelease({ name: 'web', timeout: 300 })()
  assert.ok(lines.length > seen)
  assert.match(lines[seen]!, /^waiting for Tiller to upgrade web \(\d+s of 300s\)\n$/)
  const before = lines.length
  await withProgress(slow, (l) => lines.push(l), { everyMs: 50, connected: () => false }).updateRelease({
    name: 'web',
  })()
  assert.is(lines.length, before)
})
progress.run()

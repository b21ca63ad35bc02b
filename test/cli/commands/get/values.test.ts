import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { startGrpcServer } from '../../../../src/adapters/grpc/Server'
import { createTiller } from '../../../../src/tiller/embed'
import { helm } from '../../../helpers'
import { helmProc } from '../../../support/processes'

/** `bin/helm ARGS` (the esbuild bundle, where a dynamic import of a CommonJS package behaves unlike tsx). */
const helmBundle = (args: string[], env: Record<string, string>) => helmProc(args, { env })

const values = suite('helm get values')

values('should print the user values and all computed values as JSON with --output json (built bundle)', async () => {
  const server = await startGrpcServer({ api: createTiller(), listen: '127.0.0.1:0', version: 'v2.17.0' })
  const dir = mkdtempSync(join(tmpdir(), 'wh-getvalues-'))
  const env = { HOME: dir, HELM_HOST: `127.0.0.1:${server.port}` }
  try {
    assert.is((await helm(['create', 'demo'], { cwd: dir, env })).code, 0)
    const installed = await helm(['install', './demo', '--name', 'one', '--set', 'replicaCount=3,x.y=z'], {
      cwd: dir,
      env,
    })
    assert.is(installed.code, 0, installed.stderr)
    const user = await helmBundle(['get', 'values', 'one', '--output', 'json'], env)
    assert.equal([user.code, user.stderr], [0, ''])
    assert.equal(JSON.parse(user.stdout), { replicaCount: 3, x: { y: 'z' } })
    const all = await helmBundle(['get', 'values', 'one', '--all', '--output', 'json'], env)
    assert.equal([all.code, all.stderr], [0, ''])
    const computed = JSON.parse(all.stdout) as Record<string, unknown>
    assert.is(computed.replicaCount, 3)
    assert.equal(computed.x, { y: 'z' })
    assert.ok('image' in computed, 'the chart defaults are coalesced in')
  } finally {
    await server.stop(0)
  }
})

values.run()

// dist/hapi.json, the hapi schema scripts/build.mjs compiles for the bundles, describes exactly what parsing
// proto/hapi gives (Proto.ts reads the one or the other), and encodes and decodes a message alike.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import protobuf from 'protobufjs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { parseHapi } from '../../../src/adapters/grpc/Proto'

const compiled = suite('dist/hapi.json')

compiled('should hold the schema proto/hapi parses to, and encode a release the same', () => {
  const json = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../dist/hapi.json'), 'utf8'))
  const fromJson = protobuf.Root.fromJSON(json)
  fromJson.resolveAll()
  const parsed = parseHapi()
  assert.equal(fromJson.toJSON(), parsed.toJSON())
  const value = {
    name: 'web',
    version: 3,
    namespace: 'default',
    info: { status: { code: 'DEPLOYED', notes: 'hi' }, description: 'Upgrade complete' },
    chart: {
      metadata: { name: 'demo', version: '0.1.0', apiVersion: 'v1' },
      templates: [{ name: 'templates/a.yaml', data: new Uint8Array([104, 105]) }],
    },
    config: { raw: 'x: 1\n' },
    manifest: '---\nkind: ConfigMap\n',
  }
  const a = fromJson.lookupType('hapi.release.Release')
  const b = parsed.lookupType('hapi.release.Release')
  const bytes = a.encode(a.fromObject(value)).finish()
  assert.equal(bytes, b.encode(b.fromObject(value)).finish())
  assert.equal(
    a.toObject(a.decode(bytes), { enums: String, longs: Number, defaults: true }),
    b.toObject(b.decode(bytes), { enums: String, longs: Number, defaults: true }),
  )
  assert.ok(fromJson.lookupService('hapi.services.tiller.ReleaseService').methods.InstallRelease)
})

compiled.run()

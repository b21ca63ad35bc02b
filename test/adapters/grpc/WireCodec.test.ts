// The client's schema-walking codec (WireCodec.ts) against protobufjs (what Tiller and real Helm v2 speak): the same
// bytes for every message of the ReleaseService, and the same objects decoded, on seeded random messages that
// reach every field kind (negative int32/int64, empty and non-ASCII strings, bytes, enums by name and number,
// packed repeated enums, maps, nested and repeated messages, absent fields) and on a realistic release.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { hapi } from '../../../src/adapters/grpc/Proto'
import { decodeWire, encodeWire, WireSchema } from '../../../src/adapters/grpc/WireCodec'
import { decodeMessage, encodeMessage } from '../../../src/adapters/grpc/Proto'

const schema = new WireSchema(hapi().toJSON() as ConstructorParameters<typeof WireSchema>[0])
const SERVICE = 'hapi.services.tiller.ReleaseService'

/** Buffers as arrays, so that JSON text compares values and key order alike. */
const plain = (v: unknown): string =>
  JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && x.type === 'Buffer' && Array.isArray(x.data) ? { bytes: x.data } : x,
  )

let seed = 11
const rnd = (n: number): number => {
  seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff
  return seed % n
}
const pick = <A>(xs: ReadonlyArray<A>): A => xs[rnd(xs.length)]!
const strings = ['', 'a', 'web', 'ünïcødé ✓', 'line\nbreak', 'x'.repeat(200)]
const ints32 = [0, 1, -1, 127, 128, 300, 2147483647, -2147483648, -300]
const ints64 = [0, 1, -1, 300, 2 ** 40, -(2 ** 40), Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]

/** A random plain object for message `type` (protobufjs's fromObject input form). */
const randomOf = (typeName: string, depth = 0): Record<string, unknown> => {
  const t = hapi().lookupType(typeName)
  const out: Record<string, unknown> = {}
  for (const f of t.fieldsArray) {
    if (rnd(3) === 0) continue
    f.resolve()
    const one = (): unknown => {
      if (f.resolvedType && 'values' in f.resolvedType) {
        const names = Object.keys(f.resolvedType.values)
        return rnd(4) === 0 ? f.resolvedType.values[pick(names)] : pick(names)
      }
      if (f.resolvedType) return depth > 3 ? {} : randomOf(f.resolvedType.fullName.slice(1), depth + 1)
      switch (f.type) {
        case 'string':
          return pick(strings)
        case 'bytes':
          return Uint8Array.from({ length: rnd(5) }, () => rnd(256))
        case 'bool':
          return rnd(2) === 1
        case 'int32':
          return pick(ints32)
        case 'uint32':
          return pick([0, 1, 300, 4294967295])
        case 'int64':
          return pick(ints64)
        default:
          throw new Error(`no generator for ${f.type}`)
      }
    }
    if (f.map) {
      const m: Record<string, unknown> = {}
      for (let i = rnd(3); i > 0; i--) m[pick(strings)] = one()
      out[f.name] = m
    } else if (f.repeated) out[f.name] = Array.from({ length: rnd(3) }, one)
    else out[f.name] = one()
  }
  return out
}

const types = (): string[] => {
  const names = new Set<string>()
  for (const m of hapi().lookupService(SERVICE).methodsArray) {
    m.resolve()
    names.add(m.resolvedRequestType!.fullName.slice(1))
    names.add(m.resolvedResponseType!.fullName.slice(1))
  }
  return [...names, 'hapi.release.Release', 'hapi.chart.Chart']
}

const wire = suite('Wire codec against protobufjs')
wire('should list the service methods with their message types and streaming', () => {
  const methods = schema.methods(SERVICE)
  const svc = hapi().lookupService(SERVICE)
  assert.equal(
    methods.map((m) => m.name),
    svc.methodsArray.map((m) => m.name),
  )
  for (const m of methods) {
    const p = svc.methods[m.name]!
    p.resolve()
    assert.is(m.request, p.resolvedRequestType!.fullName.slice(1))
    assert.is(m.response, p.resolvedResponseType!.fullName.slice(1))
    assert.is(m.responseStream, p.responseStream === true)
  }
})
wire('should encode every message kind of the service to the bytes protobufjs gives', () => {
  for (const name of types())
    for (let i = 0; i < 60; i++) {
      const v = randomOf(name)
      const ours = encodeWire(schema, name, v)
      const theirs = encodeMessage(name, v)
      assert.equal(Buffer.from(ours).toString('hex'), Buffer.from(theirs).toString('hex'), `${name} ${plain(v)}`)
    }
})
wire('should decode every message kind to the object protobufjs gives (defaults, enum names, key order)', () => {
  for (const name of types())
    for (let i = 0; i < 60; i++) {
      const bytes = encodeMessage(name, randomOf(name))
      assert.is(plain(decodeWire(schema, name, bytes)), plain(decodeMessage(name, bytes)), name)
    }
})
wire('should round-trip a release as Tiller answers an install', () => {
  const release = {
    name: 'web',
    version: 1,
    namespace: 'default',
    info: {
      status: { code: 'DEPLOYED', notes: 'Thank you' },
      first_deployed: { seconds: 1765152000, nanos: 123 },
      last_deployed: { seconds: 1765152000, nanos: 123 },
      Description: 'Install complete',
      lock: { timeout: 300, holder: 'tiller', session: 's1' },
    },
    chart: {
      metadata: { name: 'demo', version: '0.1.0', apiVersion: 'v1', maintainers: [{ name: 'me' }], engine: 'gotpl' },
      templates: [{ name: 'templates/cm.yaml', data: Buffer.from('kind: ConfigMap\n') }],
      values: { raw: 'greeting: hello\n', values: { a: { value: 'b' } } },
      files: [{ type_url: 'README.md', value: Buffer.from('# hi') }],
      dependencies: [{ metadata: { name: 'sub', version: '1.0.0' } }],
    },
    config: { raw: 'greeting: yo\n' },
    manifest: '---\n# Source: demo/templates/cm.yaml\nkind: ConfigMap\n',
    hooks: [
      {
        name: 'h',
        kind: 'Job',
        path: 'templates/h.yaml',
        events: ['PRE_INSTALL', 'POST_UPGRADE'],
        weight: -5,
        delete_policies: ['BEFORE_HOOK_CREATION'],
        last_run: { seconds: 1, nanos: 0 },
      },
    ],
  }
  const name = 'hapi.services.tiller.InstallReleaseResponse'
  const v = { release, warnings: ['w'] }
  // grpc-js hands deserialisers Buffers
  const bytes = Buffer.from(encodeWire(schema, name, v))
  assert.equal(bytes.toString('hex'), Buffer.from(encodeMessage(name, v)).toString('hex'))
  assert.is(plain(decodeWire(schema, name, bytes)), plain(decodeMessage(name, bytes)))
})
wire('should refuse truncated bytes as protobufjs does', () => {
  const bytes = encodeMessage('hapi.release.Release', { name: 'web', manifest: 'x'.repeat(50) })
  assert.throws(() => decodeWire(schema, 'hapi.release.Release', bytes.slice(0, bytes.length - 5)), /out of range/)
  assert.throws(() => decodeMessage('hapi.release.Release', bytes.slice(0, bytes.length - 5)), /out of range/)
})
wire.run()

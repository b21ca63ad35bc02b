import { join } from 'node:path'
import protobuf from 'protobufjs'
import { compiledSchema, protoDir } from './Schema'

export { compiledSchema, protoDir }

let root: protobuf.Root | undefined

/**
 * Helm v2's hapi messages and the ReleaseService, once, on first use: from the schema the build compiled from
 * proto/hapi (dist/hapi.json: no .proto parsing on a client's start), else parsed from proto/hapi.
 */
export const hapi = (): protobuf.Root => {
  if (root) return root
  const compiled = compiledSchema()
  if (compiled !== undefined) {
    root = protobuf.Root.fromJSON(compiled as protobuf.INamespace)
    root.resolveAll()
    return root
  }
  root = parseHapi()
  return root
}

/** proto/hapi parsed (what scripts/build.mjs compiles to dist/hapi.json). */
export const parseHapi = (): protobuf.Root => {
  const base = protoDir()
  const r = new protobuf.Root()
  // google/protobuf/*.proto are protobufjs's built-in common types; hapi imports are relative to proto/
  r.resolvePath = (_origin, target) => (target.startsWith('google/protobuf/') ? target : join(base, target))
  r.loadSync(['hapi/services/tiller.proto'], { keepCase: true })
  r.resolveAll()
  return r
}

/** A message type by its full name, e.g. `hapi.release.Release`. */
export const messageType = (name: string): protobuf.Type => hapi().lookupType(name)

/** Protobuf wire bytes of a plain object shaped like the message (enums by name, int64 as numbers). */
export const encodeMessage = (name: string, value: object): Uint8Array => {
  const t = messageType(name)
  return t.encode(t.fromObject(value)).finish()
}

/** A plain object of the message's wire bytes: enums by name, int64 as numbers, bytes as Uint8Array, defaults filled. */
export const decodeMessage = <A = Record<string, unknown>>(name: string, bytes: Uint8Array): A => {
  const t = messageType(name)
  return t.toObject(t.decode(bytes), { enums: String, longs: Number, defaults: true, arrays: true, objects: true }) as A
}

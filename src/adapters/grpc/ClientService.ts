// The client's side of hapi.services.tiller.ReleaseService without grpc-js or protobufjs: the constants both sides
// share, the methods with WireCodec's (de)serialisers, and how a failed call becomes a HelmError.
import { Buffer } from 'node:buffer'
import type { HelmError } from '../../domain/errors'
import { helmErrorOfJson } from '../../domain/errors'
import { messageTooLarge, remoteError } from '../../domain/transport/TransportError'
import { compiledSchema } from './Schema'
import { decodeWire, encodeWire, type SchemaJson, WireSchema } from './WireCodec'

/** Helm v2's message cap, both directions. */
export const MAX_MESSAGE_BYTES = 20 * 1024 * 1024

/** The metadata key carrying the client's version (Helm v2's name). */
export const VERSION_HEADER = 'x-helm-api-client'

/** The trailing metadata key carrying the HelmError of a failed call, as JSON (its `_tag` included). */
export const ERROR_TRAILER = 'x-wheelhouse-error-bin'

export const SERVICE = 'hapi.services.tiller.ReleaseService'

/** gRPC status codes (grpc/doc/statuscodes.md) the client tells apart. */
export const Code = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  DEADLINE_EXCEEDED: 4,
  RESOURCE_EXHAUSTED: 8,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  PERMISSION_DENIED: 7,
  UNAUTHENTICATED: 16,
} as const

export interface ClientMethod {
  readonly path: string
  readonly responseStream: boolean
  readonly requestSerialize: (v: object) => Buffer
  readonly responseDeserialize: (b: Buffer) => object
}

/**
 * The client's description of the service: paths, streaming, and the (de)serialisers of WireCodec.ts, which walk
 * the compiled schema (dist/hapi.json; proto/hapi parsed through protobufjs when there is none, as in the source
 * tree) rather than compile code per message type as protobufjs does: a client process sends one or two messages.
 */
export const clientServiceDefinition = async (): Promise<Record<string, ClientMethod>> => {
  const json = compiledSchema() ?? (await import('./Proto')).hapi().toJSON()
  const schema = new WireSchema(json as SchemaJson)
  return Object.fromEntries(
    schema.methods(SERVICE).map((m) => [
      m.name,
      {
        path: `/${SERVICE}/${m.name}`,
        responseStream: m.responseStream,
        requestSerialize: (v: object) => {
          const b = encodeWire(schema, m.request, v)
          return Buffer.from(b.buffer, b.byteOffset, b.length)
        },
        responseDeserialize: (b: Buffer) => decodeWire(schema, m.response, b),
      },
    ]),
  )
}

/** A failed call as a gRPC client library reports it: status code, details, trailing metadata. */
export interface CallFailure {
  readonly code?: number
  readonly details?: string
  readonly metadata?: { readonly get: (key: string) => ReadonlyArray<string | Buffer | Uint8Array> }
}

/**
 * The HelmError of a failed call: ours from the trailer, a message over gRPC's limit as MessageTooLarge (the
 * request when its size is `requestBytes()`, else the answer), else the server's text (a Helm v2 Tiller's).
 */
export const errorOf = (
  err: unknown,
  connectionError: (reason: string) => HelmError,
  requestBytes: () => number = () => -1,
): HelmError => {
  const e = err as CallFailure
  const raw = e.metadata?.get(ERROR_TRAILER)[0]
  if (raw !== undefined) {
    let sent: HelmError | undefined
    try {
      sent = helmErrorOfJson(JSON.parse(Buffer.from(raw as Uint8Array).toString('utf8')))
    } catch {
      // not JSON: the text below
    }
    if (sent) return sent
  }
  // "Received message larger than max (26218325 vs. 20971520)" (grpc-js's wording, and ours: see H2Call.ts)
  const big = /message larger than max \((\d+) vs\. (\d+)\)/.exec(e.details ?? '')
  if (e.code === Code.RESOURCE_EXHAUSTED && big) {
    const size = Number(big[1])
    return messageTooLarge(size === requestBytes() ? 'request' : 'answer', size, Number(big[2]))
  }
  // a request past the limit is refused before it leaves: "Attempted to send message with a size larger than
  // 20971520" (no size: the request's is measured)
  const unsent = /Attempted to send message with a size larger than (\d+)/.exec(e.details ?? '')
  if (e.code === Code.RESOURCE_EXHAUSTED && unsent) return messageTooLarge('request', requestBytes(), Number(unsent[1]))
  if (e.code === Code.UNAVAILABLE || e.code === Code.DEADLINE_EXCEEDED) return connectionError(e.details ?? String(err))
  return remoteError(e.details ?? (err instanceof Error ? err.message : String(err)))
}

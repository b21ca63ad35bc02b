import * as grpc from '@grpc/grpc-js'
import { Buffer } from 'node:buffer'
import type { HelmError } from '../../domain/errors'
import { helmErrorOfJson, message } from '../../domain/errors'
import { messageTooLarge, remoteError } from '../../domain/transport/TransportError'
import { compiledSchema, decodeMessage, encodeMessage, hapi } from './Proto'
import { decodeWire, encodeWire, type SchemaJson, WireSchema } from './WireCodec'

/** Helm v2's message cap, both directions. */
export const MAX_MESSAGE_BYTES = 20 * 1024 * 1024

/** The metadata key carrying the client's version (Helm v2's name). */
export const VERSION_HEADER = 'x-helm-api-client'

/** The trailing metadata key carrying the HelmError of a failed call, as JSON (its `_tag` included). */
export const ERROR_TRAILER = 'x-wheelhouse-error-bin'

export const SERVICE = 'hapi.services.tiller.ReleaseService'

/**
 * The client's description of the service: paths, streaming, and the (de)serialisers of WireCodec.ts, which walk
 * the compiled schema (dist/hapi.json; proto/hapi parsed when there is none) rather than compile code per message
 * type as protobufjs does: a client process sends one or two messages and exits.
 */
export const clientServiceDefinition = (): Record<
  string,
  {
    readonly path: string
    readonly responseStream: boolean
    readonly requestSerialize: (v: object) => Buffer
    readonly responseDeserialize: (b: Buffer) => object
  }
> => {
  const schema = new WireSchema((compiledSchema() ?? hapi().toJSON()) as SchemaJson)
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

/** grpc-js's description of hapi.services.tiller.ReleaseService: paths, streaming, protobuf (de)serialisers. */
export const releaseServiceDefinition = (): grpc.ServiceDefinition => {
  const service = hapi().lookupService(SERVICE)
  const def: Record<string, grpc.MethodDefinition<object, object>> = {}
  for (const m of service.methodsArray) {
    m.resolve()
    const req = m.resolvedRequestType!.fullName.slice(1)
    const res = m.resolvedResponseType!.fullName.slice(1)
    def[m.name] = {
      path: `/${SERVICE}/${m.name}`,
      requestStream: false,
      responseStream: m.responseStream === true,
      requestSerialize: (v: object) => Buffer.from(encodeMessage(req, v)),
      requestDeserialize: (b: Buffer) => decodeMessage(req, b),
      responseSerialize: (v: object) => Buffer.from(encodeMessage(res, v)),
      responseDeserialize: (b: Buffer) => decodeMessage(res, b),
      originalName: m.name,
    }
  }
  return def as grpc.ServiceDefinition
}

/** A gRPC status for a HelmError: code UNKNOWN, Helm's message as details, the error itself in the trailer. */
export const errorStatus = (e: HelmError, code: grpc.status = grpc.status.UNKNOWN): Partial<grpc.StatusObject> => {
  const metadata = new grpc.Metadata()
  metadata.set(ERROR_TRAILER, Buffer.from(JSON.stringify(e), 'utf8'))
  return { code, details: message(e), metadata }
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
  const e = err as Partial<grpc.ServiceError>
  const raw = e.metadata?.get(ERROR_TRAILER)[0]
  if (raw !== undefined) {
    let sent: HelmError | undefined
    try {
      sent = helmErrorOfJson(JSON.parse(Buffer.from(raw).toString('utf8')))
    } catch {
      // not JSON: the text below
    }
    if (sent) return sent
  }
  // grpc-js: "Sent message larger than max (26218325 vs. 20971520)", "Received message larger than max (…)"
  const big = /message larger than max \((\d+) vs\. (\d+)\)/.exec(e.details ?? '')
  if (e.code === grpc.status.RESOURCE_EXHAUSTED && big) {
    const size = Number(big[1])
    return messageTooLarge(size === requestBytes() ? 'request' : 'answer', size, Number(big[2]))
  }
  // grpc-js refuses to send a request past its limit before it leaves: "Attempted to send message with a size
  // larger than 20971520" (no size: the request's is measured)
  const unsent = /Attempted to send message with a size larger than (\d+)/.exec(e.details ?? '')
  if (e.code === grpc.status.RESOURCE_EXHAUSTED && unsent)
    return messageTooLarge('request', requestBytes(), Number(unsent[1]))
  if (e.code === grpc.status.UNAVAILABLE || e.code === grpc.status.DEADLINE_EXCEEDED)
    return connectionError(e.details ?? String(err))
  return remoteError(e.details ?? (err instanceof Error ? err.message : String(err)))
}

// Tiller's side of hapi.services.tiller.ReleaseService on grpc-js (the client's side is ClientService.ts).
import * as grpc from '@grpc/grpc-js'
import { Buffer } from 'node:buffer'
import type { HelmError } from '../../domain/errors'
import { message } from '../../domain/errors'
import { ERROR_TRAILER, SERVICE } from './ClientService'
import { decodeMessage, encodeMessage, hapi } from './Proto'

export { ERROR_TRAILER, MAX_MESSAGE_BYTES, SERVICE, VERSION_HEADER, errorOf } from './ClientService'

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

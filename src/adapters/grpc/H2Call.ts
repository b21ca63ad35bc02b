// One gRPC call over an HTTP/2 stream (the gRPC over HTTP/2 protocol, PROTOCOL-HTTP2.md): a POST with the
// request as one length-prefixed message (1 byte compressed flag, 4 bytes big-endian length), answers read
// the same way, the outcome in the trailers (grpc-status, grpc-message percent-encoded, `-bin` metadata in
// base64), or in the headers alone for a trailers-only answer. Failures come back in the shape errorOf reads
// (code, details, metadata), with grpc-js's wording where errorOf or a user reads it.
import { Buffer } from 'node:buffer'
import { constants, type ClientHttp2Session, type IncomingHttpHeaders } from 'node:http2'
import { type CallFailure, Code, MAX_MESSAGE_BYTES } from './ClientService'

export interface CallSpec {
  readonly path: string
  readonly authority: string
  readonly secure: boolean
  /** Metadata sent with the call (lower-case keys, text values). */
  readonly metadata: Readonly<Record<string, string>>
}

export interface CallSink {
  /** One answer message (its bytes, decompressed). */
  readonly message: (bytes: Buffer) => void
  /** The end: undefined when the status is OK, else the failure. Called once. */
  readonly end: (failure: CallFailure | undefined) => void
}

export class Metadata {
  constructor(private readonly headers: IncomingHttpHeaders) {}
  /** The values under `key`: base64-decoded for `-bin` keys. */
  get(key: string): Array<string | Buffer> {
    const v = this.headers[key]
    if (v === undefined) return []
    const values = (Array.isArray(v) ? v : [v]).flatMap((x) => (key.endsWith('-bin') ? String(x).split(',') : [x]))
    return key.endsWith('-bin') ? values.map((x) => Buffer.from(x.trim(), 'base64')) : values.map(String)
  }
}

export const failure = (code: number, details: string, md?: Metadata): CallFailure => ({
  code,
  details,
  metadata: md ?? new Metadata({}),
})

/** gRPC's mapping of an HTTP status that is not 200 (http-grpc-status-mapping.md). */
const httpStatusCode = (status: number): number =>
  status === 400
    ? Code.INTERNAL
    : status === 401
      ? Code.UNAUTHENTICATED
      : status === 403
        ? Code.PERMISSION_DENIED
        : status === 404
          ? Code.UNIMPLEMENTED
          : [429, 502, 503, 504].includes(status)
            ? Code.UNAVAILABLE
            : Code.UNKNOWN

/** A stream reset by the server, as grpc-js reports it. */
const resetFailure = (rstCode: number): CallFailure => {
  switch (rstCode) {
    case constants.NGHTTP2_REFUSED_STREAM:
      return failure(Code.UNAVAILABLE, 'Stream refused by server')
    case constants.NGHTTP2_CANCEL:
      return failure(Code.CANCELLED, 'Call cancelled')
    case constants.NGHTTP2_ENHANCE_YOUR_CALM:
      return failure(Code.RESOURCE_EXHAUSTED, 'Bandwidth exhausted or memory limit exceeded')
    case constants.NGHTTP2_INADEQUATE_SECURITY:
      return failure(Code.PERMISSION_DENIED, 'Protocol not secure enough')
    default:
      return failure(Code.INTERNAL, `Received RST_STREAM with code ${rstCode}`)
  }
}

const decodeDetails = (raw: unknown): string => {
  const s = raw === undefined ? '' : String(raw)
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/** The outcome a set of trailers (or trailers-only headers) states; undefined when they state none. */
const statusOf = (h: IncomingHttpHeaders): CallFailure | 'OK' | undefined => {
  const raw = h['grpc-status']
  if (raw === undefined) return undefined
  const code = Number(raw)
  if (code === Code.OK) return 'OK'
  return failure(Number.isInteger(code) ? code : Code.UNKNOWN, decodeDetails(h['grpc-message']), new Metadata(h))
}

/** Inflates a compressed message (grpc-encoding gzip or deflate); we ask for identity, a server may still. */
const inflate = async (encoding: string, bytes: Buffer): Promise<Buffer> => {
  const zlib = await import('node:zlib')
  if (encoding === 'gzip') return zlib.gunzipSync(bytes)
  if (encoding === 'deflate') return zlib.inflateSync(bytes)
  throw new Error(`a message compressed with "${encoding}", which was not offered`)
}

/**
 * Sends `body` (one serialised request) on a new stream of `session` and reads the answers into `sink`.
 * A request over the message limit is refused before it leaves; an answer over it ends the call.
 */
export const startCall = (session: ClientHttp2Session, spec: CallSpec, body: Buffer, sink: CallSink): void => {
  let ended = false
  const end = (f: CallFailure | undefined) => {
    if (ended) return
    ended = true
    sink.end(f)
  }
  if (body.length > MAX_MESSAGE_BYTES)
    return end(
      failure(Code.RESOURCE_EXHAUSTED, `Attempted to send message with a size larger than ${MAX_MESSAGE_BYTES}`),
    )
  let stream: ReturnType<ClientHttp2Session['request']>
  try {
    stream = session.request(
      {
        ':method': 'POST',
        ':scheme': spec.secure ? 'https' : 'http',
        ':path': spec.path,
        ':authority': spec.authority,
        'content-type': 'application/grpc',
        te: 'trailers',
        'grpc-accept-encoding': 'identity',
        ...spec.metadata,
      },
      { endStream: false },
    )
  } catch (e) {
    return end(failure(Code.UNAVAILABLE, `Connection dropped: ${(e as Error).message}`))
  }
  let status: CallFailure | 'OK' | undefined
  let encoding = 'identity'
  let chunks: Buffer[] = []
  let have = 0
  let pending = Promise.resolve()
  const deliver = (compressed: boolean, bytes: Buffer) => {
    if (!compressed) {
      sink.message(bytes)
      return
    }
    pending = pending.then(() =>
      inflate(encoding, bytes).then(
        (b) => {
          if (!ended) sink.message(b)
        },
        (e: Error) => {
          end(failure(Code.INTERNAL, `Received a message that cannot be decompressed: ${e.message}`))
          stream.close(constants.NGHTTP2_CANCEL)
        },
      ),
    )
  }
  stream.on('response', (headers) => {
    const code = Number(headers[':status'])
    if (code !== 200) {
      status = failure(httpStatusCode(code), `Received HTTP status code ${code}`, new Metadata(headers))
      return
    }
    encoding = String(headers['grpc-encoding'] ?? 'identity')
    status = statusOf(headers)
  })
  stream.on('data', (chunk: Buffer) => {
    if (ended) return
    chunks.push(chunk)
    have += chunk.length
    while (have >= 5) {
      const head = chunks[0]!.length >= 5 ? chunks[0]! : Buffer.concat(chunks)
      const size = head.readUInt32BE(1)
      if (size > MAX_MESSAGE_BYTES) {
        end(failure(Code.RESOURCE_EXHAUSTED, `Received message larger than max (${size} vs. ${MAX_MESSAGE_BYTES})`))
        stream.close(constants.NGHTTP2_CANCEL)
        return
      }
      if (have < 5 + size) return
      const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, have)
      deliver(all[0] === 1, all.subarray(5, 5 + size))
      const rest = all.subarray(5 + size)
      chunks = rest.length > 0 ? [rest] : []
      have = rest.length
    }
  })
  stream.on('trailers', (trailers) => {
    status ??= statusOf(trailers)
  })
  stream.on('error', () => undefined)
  stream.on('close', () => {
    void pending.then(() => {
      if (status === 'OK') {
        if (have > 0) return end(failure(Code.INTERNAL, 'Received an incomplete message'))
        return end(undefined)
      }
      if (status !== undefined) return end(status)
      if (stream.rstCode !== undefined && stream.rstCode !== constants.NGHTTP2_NO_ERROR)
        return end(session.destroyed ? failure(Code.UNAVAILABLE, 'Connection dropped') : resetFailure(stream.rstCode))
      const dropped = session.destroyed || session.closed
      end(dropped ? failure(Code.UNAVAILABLE, 'Connection dropped') : failure(Code.UNKNOWN, 'No status received'))
    })
  })
  const prefix = Buffer.alloc(5)
  prefix.writeUInt32BE(body.length, 1)
  stream.write(prefix)
  stream.end(body)
}

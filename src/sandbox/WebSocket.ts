// The server side of RFC 6455 WebSockets, as much as the API server's streaming subresources need: the
// upgrade handshake with subprotocol choice, masked client frames (fragments, ping, close), unmasked binary
// frames out. No extensions are accepted (so no permessage-deflate).
import { createHash } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'
const MAX_MESSAGE = 16 * 1024 * 1024

/** An accepted WebSocket connection. */
export interface WebSocketConn {
  readonly protocol: string
  /** Sends one binary message (ignored once closed). */
  readonly send: (data: Buffer) => void
  /** Sends a close frame (1000) and ends the connection. */
  readonly close: (code?: number) => void
  readonly onMessage: (f: (data: Buffer, binary: boolean) => void) => void
  /** Called once when the connection is gone (close frame, socket end or error). */
  readonly onClose: (f: () => void) => void
}

/** Writes a plain HTTP error answer on a socket that asked to upgrade, then ends it. */
export const rejectUpgrade = (
  socket: Duplex,
  code: number,
  reason: string,
  body: string,
  type = 'application/json',
): void => {
  socket.end(
    `HTTP/1.1 ${code} ${reason}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
}

/** The subprotocols the client offers, in its order. */
export const offeredProtocols = (req: IncomingMessage): string[] =>
  String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')

const frame = (opcode: number, payload: Buffer): Buffer => {
  const n = payload.length
  const head = n < 126 ? Buffer.alloc(2) : n < 65536 ? Buffer.alloc(4) : Buffer.alloc(10)
  head[0] = 0x80 | opcode
  if (n < 126) head[1] = n
  else if (n < 65536) {
    head[1] = 126
    head.writeUInt16BE(n, 2)
  } else {
    head[1] = 127
    head.writeBigUInt64BE(BigInt(n), 2)
  }
  return Buffer.concat([head, payload])
}

/**
 * Completes the handshake of `req` choosing `protocol` (already checked against the offer) and returns the
 * connection; undefined (after a 400 answer) when the request is not a version-13 WebSocket upgrade.
 */
export const acceptWebSocket = (
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  protocol: string,
): WebSocketConn | undefined => {
  const key = req.headers['sec-websocket-key']
  if (
    String(req.headers.upgrade ?? '').toLowerCase() !== 'websocket' ||
    typeof key !== 'string' ||
    req.headers['sec-websocket-version'] !== '13'
  ) {
    rejectUpgrade(socket, 400, 'Bad Request', 'not a WebSocket upgrade (version 13)', 'text/plain')
    return undefined
  }
  const accept = createHash('sha1')
    .update(key + GUID)
    .digest('base64')
  socket.write(
    `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n` +
      (protocol ? `Sec-WebSocket-Protocol: ${protocol}\r\n` : '') +
      '\r\n',
  )
  const messageHandlers: Array<(data: Buffer, binary: boolean) => void> = []
  const closeHandlers: Array<() => void> = []
  let closed = false
  const finish = () => {
    if (closed) return
    closed = true
    for (const f of closeHandlers) f()
  }
  const close = (code = 1000) => {
    if (closed) return
    const p = Buffer.alloc(2)
    p.writeUInt16BE(code)
    socket.end(frame(8, p))
    finish()
  }

  let buf: Buffer = head.length ? Buffer.from(head) : Buffer.alloc(0)
  let parts: Buffer[] = []
  let partsOpcode = 0
  let partsSize = 0
  const parse = () => {
    for (;;) {
      if (buf.length < 2) return
      const fin = (buf[0]! & 0x80) !== 0
      const opcode = buf[0]! & 0x0f
      const masked = (buf[1]! & 0x80) !== 0
      let len = buf[1]! & 0x7f
      let at = 2
      if (len === 126) {
        if (buf.length < 4) return
        len = buf.readUInt16BE(2)
        at = 4
      } else if (len === 127) {
        if (buf.length < 10) return
        const big = buf.readBigUInt64BE(2)
        if (big > BigInt(MAX_MESSAGE)) return close(1009)
        len = Number(big)
        at = 10
      }
      // RFC 6455 §5.1: a server closes a connection whose client frames are not masked
      if (!masked) return close(1002)
      if (buf.length < at + 4 + len) return
      const mask = buf.subarray(at, at + 4)
      const payload = Buffer.from(buf.subarray(at + 4, at + 4 + len))
      for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i & 3]!
      buf = buf.subarray(at + 4 + len)
      if (opcode === 8) return close()
      if (opcode === 9) {
        socket.write(frame(10, payload))
        continue
      }
      if (opcode === 10) continue
      if (opcode !== 0) {
        parts = []
        partsSize = 0
        partsOpcode = opcode
      }
      parts.push(payload)
      partsSize += payload.length
      if (partsSize > MAX_MESSAGE) return close(1009)
      if (!fin) continue
      const message = Buffer.concat(parts)
      parts = []
      partsSize = 0
      for (const f of messageHandlers) f(message, partsOpcode === 2)
      if (closed) return
    }
  }
  socket.on('data', (c: Buffer) => {
    buf = buf.length ? Buffer.concat([buf, c]) : c
    parse()
  })
  socket.on('close', finish)
  socket.on('end', () => {
    socket.end()
    finish()
  })
  socket.on('error', () => {
    socket.destroy()
    finish()
  })
  queueMicrotask(parse)
  return {
    protocol,
    send: (data) => {
      if (!closed) socket.write(frame(2, data))
    },
    close,
    onMessage: (f) => void messageHandlers.push(f),
    onClose: (f) => {
      if (closed) f()
      else closeHandlers.push(f)
    },
  }
}

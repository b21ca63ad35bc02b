// Why a Tiller connection does not come up. grpc-js only says "failed to connect before the deadline" (after
// retrying for the whole connection timeout), so when its channel fails or lingers we open one connection of
// our own with the same TLS settings and look at what happens: refused, a TLS alert, plaintext where TLS was
// expected (or the reverse), a certificate error, or an HTTP/2 server that answers (then Tiller is there).
import { connect as netConnect, type Socket } from 'node:net'
import { type ConnectionOptions, connect as tlsConnect, type TLSSocket } from 'node:tls'

/** What a probe learnt: Tiller speaks HTTP/2 there, a definite refusal (with its cause), or nothing yet. */
export type ProbeResult =
  | { readonly _tag: 'Answered' }
  | { readonly _tag: 'Refused'; readonly reason: string }
  | { readonly _tag: 'NoAnswer'; readonly state: string }

/** The TLS side of a probe: the options of the gRPC channel, and the file names to cite in messages. */
export interface ProbeTls {
  readonly options: ConnectionOptions
  readonly hasClientCert: boolean
  readonly caFile?: string | undefined
}

// HTTP/2 client connection preface and an empty SETTINGS frame (RFC 9113 §3.4)
const PREFACE = Buffer.concat([
  Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1'),
  Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0]),
])

const splitAddress = (address: string): { host: string; port: number } => {
  const i = address.lastIndexOf(':')
  return { host: address.slice(0, i).replace(/^\[|\]$/g, ''), port: Number(address.slice(i + 1)) }
}

const refused = (reason: string): ProbeResult => ({ _tag: 'Refused', reason })
const noAnswer = (state: string): ProbeResult => ({ _tag: 'NoAnswer', state })

/** A socket-level error as one clause: what went wrong and, when it is clear, what to do. */
export const describeSocketError = (err: NodeJS.ErrnoException, host: string): ProbeResult => {
  switch (err.code) {
    case 'ECONNREFUSED':
      return refused('connection refused (nothing listens on that port: is Tiller running there?)')
    case 'ENOTFOUND':
    case 'EAI_NONAME':
      return refused(`no such host "${host}"`)
    case 'EAI_AGAIN':
      return noAnswer(`the name "${host}" does not resolve yet (DNS: ${err.code})`)
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return refused(`host unreachable (${err.code})`)
    case 'ECONNRESET':
    case 'EPIPE':
      return refused('the connection was reset before Tiller answered')
    case 'ETIMEDOUT':
      return noAnswer('the TCP connection timed out')
    default:
      return refused(err.message)
  }
}

const PLAINTEXT_PEER = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_HTTP_REQUEST',
])
const UNTRUSTED = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
])

/** A TLS failure as one clause naming the side at fault (ours, Tiller's certificate, or Tiller refusing ours). */
export const describeTlsError = (err: NodeJS.ErrnoException & { reason?: string }, tls: ProbeTls): ProbeResult => {
  const code = err.code ?? ''
  if (PLAINTEXT_PEER.has(code))
    return refused(
      'TLS handshake failed: Tiller answered in plaintext (it runs without --tls: drop --tls/--tls-verify)',
    )
  if (code === 'CERT_HAS_EXPIRED') return refused("TLS handshake failed: Tiller's certificate has expired")
  if (code === 'CERT_NOT_YET_VALID') return refused("TLS handshake failed: Tiller's certificate is not valid yet")
  if (UNTRUSTED.has(code))
    return refused(
      `TLS handshake failed: Tiller's certificate is not signed by the CA in ${tls.caFile ?? '--tls-ca-cert'} (${err.message})`,
    )
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return refused(`TLS handshake failed: ${err.reason ?? err.message} (use --tls-hostname with a name it holds)`)
  if (code === 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' || code === 'ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE')
    return refused('TLS handshake failed: Tiller requires a client certificate (--tls-cert and --tls-key)')
  if (/^ERR_SSL_(SSLV3|TLSV1|TLSV13)_ALERT_/.test(code)) {
    const alert = (err.reason ?? code).replace(/^(sslv3|tlsv1|tlsv13) alert /, '')
    return /certificate|unknown ca|access denied/.test(alert)
      ? refused(`TLS handshake failed: Tiller refused the client certificate (${alert})`)
      : refused(`TLS handshake failed: Tiller sent the alert "${alert}"`)
  }
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_'))
    return refused(`TLS handshake failed: ${err.reason ?? err.message}`)
  return describeSocketError(err, '')
}

// What the first bytes a server sends back after our preface say about it.
const judgeAnswer = (data: Buffer, secure: boolean): ProbeResult => {
  // a SETTINGS frame: type 0x4 in the fourth byte of the first frame header (24-bit length, then type)
  if (data.length >= 9 && data[3] === 0x04) return { _tag: 'Answered' }
  if (!secure && data[0] !== undefined && (data[0] === 0x15 || data[0] === 0x16) && data[1] === 0x03)
    return refused('Tiller expects TLS (use --tls, or --tls-verify)')
  if (data.subarray(0, 5).toString('latin1') === 'HTTP/')
    return refused('the server there answered HTTP/1.x: it is not Tiller (a gRPC server)')
  return refused('the server there does not speak HTTP/2: it is not Tiller (a gRPC server)')
}

/**
 * Opens one connection to `address` as the gRPC channel would (TCP, then TLS with `tls`), sends the HTTP/2
 * preface and reads the first answer, for at most `timeoutMs`. Never rejects.
 */
export const probeTiller = (address: string, tls: ProbeTls | undefined, timeoutMs: number): Promise<ProbeResult> =>
  new Promise((resolve) => {
    const { host, port } = splitAddress(address)
    let settled = false
    let stage = 'no answer to the TCP connection yet'
    let socket: Socket | TLSSocket | undefined
    const done = (r: ProbeResult) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket?.destroy()
      resolve(r)
    }
    const timer = setTimeout(() => done(noAnswer(stage)), timeoutMs)
    const onData = (data: Buffer) => done(judgeAnswer(data, tls !== undefined))
    const sendPreface = () => {
      stage = 'connected, but Tiller has not answered yet'
      socket?.write(PREFACE)
    }
    if (!tls) {
      const s = netConnect({ host, port })
      socket = s
      s.once('connect', sendPreface)
      s.on('data', onData)
      s.on('error', (e) => done(describeSocketError(e, host)))
      s.on('close', () =>
        done(
          stage.startsWith('connected')
            ? refused('the connection was closed before Tiller answered (if Tiller runs with TLS, use --tls)')
            : refused('the connection was closed'),
        ),
      )
      return
    }
    const raw = netConnect({ host, port })
    socket = raw
    raw.once('error', (e) => done(describeSocketError(e, host)))
    raw.once('connect', () => {
      stage = 'connected, the TLS handshake is not finished'
      let s: TLSSocket
      try {
        s = tlsConnect({ ...tls.options, socket: raw, ALPNProtocols: ['h2'] })
      } catch (e) {
        return done(refused(`TLS setup failed: ${(e as Error).message}`))
      }
      socket = s
      s.once('secureConnect', () => {
        if (tls.options.rejectUnauthorized !== false && !s.authorized) {
          const e = s.authorizationError as NodeJS.ErrnoException | undefined
          return done(describeTlsError(e ?? Object.assign(new Error('unauthorized'), { code: 'CERT_UNTRUSTED' }), tls))
        }
        sendPreface()
      })
      s.on('data', onData)
      s.on('error', (e) => done(describeTlsError(e, tls)))
      s.on('close', () =>
        done(
          stage.startsWith('connected, but')
            ? refused(
                tls.hasClientCert
                  ? 'Tiller closed the connection after the TLS handshake: it refused the client certificate (not signed by a CA it trusts, or not valid)'
                  : 'Tiller closed the connection after the TLS handshake (it may require a client certificate: --tls-cert and --tls-key)',
              )
            : refused('Tiller closed the connection during the TLS handshake'),
        ),
      )
    })
  })

import { defineMessages } from '../Messages'

/**
 * Failures of the helm ↔ Tiller connection.
 * RemoteError: a server error that carried no Wheelhouse error (e.g. from a Helm v2 Tiller): its text.
 * IncompatibleVersions: the `x-helm-api-client` check failed (client and server major.minor differ).
 * TillerConnectionFailed: no connection to the address within the connection timeout.
 * TillerNotFound: no Tiller to talk to (no cluster, the API unreachable, no pod labelled app=helm,name=tiller): why.
 * TillerPodNotReady: Tiller's pods exist but none is Ready (each one's state).
 * TlsSetupFailed: a TLS file could not be read or is not usable.
 * MessageTooLarge: a request to Tiller, or its answer, over gRPC's message limit (`size` and `limit` in bytes).
 */
export type TransportError =
  | { readonly _tag: 'RemoteError'; readonly message: string }
  | { readonly _tag: 'IncompatibleVersions'; readonly client: string; readonly server: string }
  | { readonly _tag: 'TillerConnectionFailed'; readonly address: string; readonly reason: string }
  | { readonly _tag: 'TillerNotFound'; readonly namespace: string; readonly reason?: string }
  | { readonly _tag: 'TillerPodNotReady'; readonly namespace: string; readonly pods: string }
  | { readonly _tag: 'TlsSetupFailed'; readonly reason: string }
  | {
      readonly _tag: 'MessageTooLarge'
      readonly what: 'request' | 'answer'
      readonly size: number
      readonly limit: number
    }

export const remoteError = (message: string): TransportError => ({ _tag: 'RemoteError', message })
export const incompatibleVersions = (client: string, server: string): TransportError => ({
  _tag: 'IncompatibleVersions',
  client,
  server,
})
export const tillerConnectionFailed = (address: string, reason: string): TransportError => ({
  _tag: 'TillerConnectionFailed',
  address,
  reason,
})
export const tillerNotFound = (namespace: string, reason?: string): TransportError => ({
  _tag: 'TillerNotFound',
  namespace,
  ...(reason ? { reason } : {}),
})
export const tillerPodNotReady = (namespace: string, pods: string): TransportError => ({
  _tag: 'TillerPodNotReady',
  namespace,
  pods,
})
export const tlsSetupFailed = (reason: string): TransportError => ({ _tag: 'TlsSetupFailed', reason })
export const messageTooLarge = (what: 'request' | 'answer', size: number, limit: number): TransportError => ({
  _tag: 'MessageTooLarge',
  what,
  size,
  limit,
})

export const transportMessages = defineMessages<TransportError>({
  RemoteError: (e) => e.message,
  // Helm v2 pkg/version.IsCompatible failure as Tiller reports it
  IncompatibleVersions: (e) => `incompatible versions client[${e.client}] server[${e.server}]`,
  TillerConnectionFailed: (e) => `cannot connect to Tiller at ${e.address}: ${e.reason}`,
  // Helm v2 portforwarder: no pod labelled app=helm,name=tiller ("could not find tiller"), none Ready ("could not
  // find a ready tiller pod"); beyond v2, the reason
  TillerNotFound: (e) => `could not find tiller${e.reason ? `: ${e.reason}` : ''}`,
  TillerPodNotReady: (e) => `could not find a ready tiller pod: ${e.pods}`,
  TlsSetupFailed: (e) => `could not set up TLS: ${e.reason}`,
  MessageTooLarge: (e) =>
    `${e.what === 'request' ? 'the request to Tiller' : "Tiller's answer"} is too large: ${e.size} bytes, the limit is ${e.limit} bytes (one gRPC message)`,
})

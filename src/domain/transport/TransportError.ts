import { defineMessages } from '../Messages'

/**
 * Failures of the helm ↔ Tiller connection.
 * RemoteError: a server error that carried no Wheelhouse error (e.g. from a Helm v2 Tiller): its text.
 * IncompatibleVersions: the `x-helm-api-client` check failed (client and server major.minor differ).
 * TillerConnectionFailed: no connection to the address within the connection timeout.
 * TillerNotFound: no running pod labelled app=helm,name=tiller to port-forward to.
 * TlsSetupFailed: a TLS file could not be read or is not usable.
 */
export type TransportError =
  | { readonly _tag: 'RemoteError'; readonly message: string }
  | { readonly _tag: 'IncompatibleVersions'; readonly client: string; readonly server: string }
  | { readonly _tag: 'TillerConnectionFailed'; readonly address: string; readonly reason: string }
  | { readonly _tag: 'TillerNotFound'; readonly namespace: string }
  | { readonly _tag: 'TlsSetupFailed'; readonly reason: string }

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
export const tillerNotFound = (namespace: string): TransportError => ({ _tag: 'TillerNotFound', namespace })
export const tlsSetupFailed = (reason: string): TransportError => ({ _tag: 'TlsSetupFailed', reason })

export const transportMessages = defineMessages<TransportError>({
  RemoteError: (e) => e.message,
  // Helm v2 pkg/version.IsCompatible failure as Tiller reports it
  IncompatibleVersions: (e) => `incompatible versions client[${e.client}] server[${e.server}]`,
  TillerConnectionFailed: (e) => `cannot connect to Tiller at ${e.address}: ${e.reason}`,
  // Helm v2 portforwarder: no Running pod labelled app=helm,name=tiller
  TillerNotFound: () => 'could not find tiller',
  TlsSetupFailed: (e) => `could not set up TLS: ${e.reason}`,
})

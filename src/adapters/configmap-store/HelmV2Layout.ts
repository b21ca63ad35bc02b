// Helm v2's storage layout, shared by its ConfigMap and Secret drivers.
import { Buffer } from 'node:buffer'
import { decodeInfo, decodeRelease, encodeInfo, encodeRelease } from '../../domain/release/Codec'
import { releaseKey, releaseLabels, type StatusCode } from '../../domain/release/Release'
import type { StorageKind } from '../../ports/NamespacedObjects'
import type { Layout } from './ObjectStore'

const seconds = (d: Date): string => String(Math.floor(d.getTime() / 1000))

/**
 * Helm v2's layout: one object `NAME.vN` per revision in Tiller's namespace, labels NAME, OWNER=TILLER,
 * STATUS, VERSION and CREATED_AT or MODIFIED_AT (Unix seconds), `data.release` = the encoded release.
 */
export const helmV2Layout = (kind: StorageKind): Layout => ({
  kind,
  ...(kind === 'Secret' ? { type: 'Opaque' } : {}),
  // a Secret's data.release holds the encoded string as bytes: base64 twice on the wire, as Helm v2 wrote it
  wrap: kind === 'Secret' ? (s) => Buffer.from(s, 'utf8').toString('base64') : (s) => s,
  unwrap: kind === 'Secret' ? (s) => Buffer.from(s, 'base64').toString('utf8') : (s) => s,
  objectName: (key) => key,
  labels: (rls) => ({ ...releaseLabels(rls) }),
  selector: (query) => ({ OWNER: 'TILLER', ...query }),
  statusOf: (labels) => labels.STATUS as StatusCode | undefined,
  keyOf: (labels) => {
    const version = Number(labels.VERSION)
    return labels.NAME && Number.isInteger(version) && version > 0
      ? { key: releaseKey(labels.NAME, version), name: labels.NAME, version }
      : undefined
  },
  stamp: (now, created) => (created ? { CREATED_AT: seconds(now) } : { MODIFIED_AT: seconds(now) }),
  encode: encodeRelease,
  decode: decodeRelease,
  encodeInfo,
  decodeInfo,
})

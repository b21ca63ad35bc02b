// Helm 3/4's storage layout (helm.sh/helm/v4 pkg/storage/driver/{secrets,cfgmaps}.go), shared by the
// helm3-secret and helm3-configmap stores.
import { Buffer } from 'node:buffer'
import * as E from 'fp-ts/Either'
import { decodeInfo, encodeInfo } from '../../domain/release/Codec'
import { decodeHelm3Release, encodeHelm3Release } from '../../domain/release/helm3/Codec'
import { helm3Status, statusCodeOf } from '../../domain/release/helm3/Names'
import { type Release, releaseKey, type StatusCode } from '../../domain/release/Release'
import { releaseCorrupt, type StoreError } from '../../domain/release/StoreError'
import type { ApiObject, StorageKind } from '../../ports/NamespacedObjects'
import type { Layout } from './ObjectStore'

/** The prefix of Helm 3's record names: `sh.helm.release.v1.NAME.vN` (storage.makeKey). */
export const helm3Prefix = 'sh.helm.release.v1.'

/** The labels Helm sets on its records itself (driver.GetSystemLabels); any other label is a release label. */
export const helm3SystemLabels: ReadonlyArray<string> = [
  'name',
  'owner',
  'status',
  'version',
  'createdAt',
  'modifiedAt',
]

/** A record object's release labels: its labels without Helm's own (driver.filterSystemLabels). */
export const releaseLabelsOf = (labels: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(labels).filter(([k]) => !helm3SystemLabels.includes(k)))

const seconds = (d: Date): string => String(Math.floor(d.getTime() / 1000))

/** Why a record object is not what its name and labels say (undefined when they agree). */
const mismatch = (o: ApiObject): string | undefined => {
  const { name, version, owner } = o.labels
  if (owner !== 'helm') return `its owner label is ${JSON.stringify(owner ?? '')}, not "helm"`
  if (!name || !version) return 'it has no name or version label'
  if (o.name !== `${helm3Prefix}${name}.v${version}`)
    return `its labels name ${name} revision ${version}, but the object is named ${o.name}`
  return undefined
}

/**
 * Helm 3's layout: one object `sh.helm.release.v1.NAME.vN` per revision in the release's namespace (Secrets of
 * type `helm.sh/release.v1`), labels `name`, `owner=helm`, `status` (Helm 3's words), `version` and `createdAt`
 * on create or `modifiedAt` on update (Unix seconds; an update's labels replace the create's, as Helm's do),
 * plus the release's own labels; `data.release` = base64 of the gzipped JSON (a Secret's base64ed once more).
 * A record whose object name, labels and content disagree is corrupt: listings skip it and nothing rewrites it.
 */
export const helm3Layout = (kind: StorageKind): Layout => {
  // a corrupt record is decoded once per version of it: a gzip bomb costs its unpacking budget once, not per listing
  const corrupt = new Map<string, string>()
  const decode = (s: string, head: ApiObject): E.Either<StoreError, Release> => {
    const wrong = mismatch(head)
    if (wrong !== undefined) return E.left(releaseCorrupt(wrong))
    const r = decodeHelm3Release(s, releaseLabelsOf(head.labels))
    if (E.isLeft(r)) return r
    const { name, version } = head.labels
    if (r.right.name !== name || String(r.right.version) !== version)
      return E.left(
        releaseCorrupt(`it holds ${r.right.name} revision ${r.right.version}, its labels ${name} revision ${version}`),
      )
    if (head.namespace !== undefined && r.right.namespace !== head.namespace)
      return E.left(releaseCorrupt(`it holds a release of namespace ${JSON.stringify(r.right.namespace)}`))
    return r
  }
  return {
    kind,
    ...(kind === 'Secret' ? { type: 'helm.sh/release.v1' } : {}),
    wrap: kind === 'Secret' ? (s) => Buffer.from(s, 'utf8').toString('base64') : (s) => s,
    unwrap: kind === 'Secret' ? (s) => Buffer.from(s, 'base64').toString('utf8') : (s) => s,
    objectName: (key) => `${helm3Prefix}${key}`,
    // Tiller's releases carry no labels of their own: an update keeps those of the record it rewrites
    labels: (rls, current) => ({
      ...(rls.helm3?.labels ?? releaseLabelsOf(current ?? {})),
      name: rls.name,
      owner: 'helm',
      status: helm3Status(rls.info.status.code),
      version: String(rls.version),
    }),
    selector: (query) => ({
      owner: 'helm',
      ...(query.NAME !== undefined ? { name: query.NAME } : {}),
      ...(query.STATUS !== undefined ? { status: helm3Status(query.STATUS as StatusCode) } : {}),
      ...(query.VERSION !== undefined ? { version: query.VERSION } : {}),
    }),
    statusOf: (labels) => statusCodeOf(labels.status ?? ''),
    keyOf: (labels) => {
      const version = Number(labels.version)
      return labels.owner === 'helm' && labels.name && Number.isInteger(version) && version > 0
        ? { key: releaseKey(labels.name, version), name: labels.name, version }
        : undefined
    },
    stamp: (now, created) => (created ? { createdAt: seconds(now) } : { modifiedAt: seconds(now) }),
    encode: encodeHelm3Release,
    decode: (s, head) => {
      if (head === undefined) return decodeHelm3Release(s)
      const id = `${head.namespace ?? ''}/${head.name}@${head.resourceVersion ?? ''}`
      const known = head.resourceVersion === undefined ? undefined : corrupt.get(id)
      if (known !== undefined) return E.left(releaseCorrupt(known))
      const r = decode(s, head)
      if (E.isLeft(r) && r.left._tag === 'ReleaseCorrupt' && head.resourceVersion !== undefined) {
        if (corrupt.size >= 1000) corrupt.clear()
        corrupt.set(id, r.left.reason)
      }
      return r
    },
    encodeInfo,
    decodeInfo,
    whole: true,
  }
}

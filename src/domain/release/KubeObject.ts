/** `metadata` of a Kubernetes object as a manifest writes it (other fields kept as they are). */
export interface ObjectMeta {
  readonly name?: string
  readonly generateName?: string
  readonly namespace?: string
  readonly labels?: Readonly<Record<string, string>>
  readonly annotations?: Readonly<Record<string, string>>
  readonly uid?: string
  readonly resourceVersion?: string
  readonly [field: string]: unknown
}

/** A Kubernetes object as raw JSON (a decoded manifest document or what the API server returns). */
export interface KubeObject {
  readonly apiVersion: string
  readonly kind: string
  readonly metadata: ObjectMeta
  readonly [field: string]: unknown
}

/** Names one object; `namespace` is absent for cluster-scoped kinds. */
export interface ObjectRef {
  readonly apiVersion: string
  readonly kind: string
  readonly name: string
  readonly namespace?: string
}

/** One kind the API server serves (an `APIResourceList` entry with its group/version). */
export interface ApiResource {
  /** `apps/v1`, `v1`. */
  readonly groupVersion: string
  readonly kind: string
  /** The plural resource name, `deployments`. */
  readonly name: string
  readonly namespaced: boolean
}

/** What discovery tells: the server version and every served kind. */
export interface Discovery {
  readonly serverVersion: { readonly major: string; readonly minor: string; readonly gitVersion: string }
  readonly resources: ReadonlyArray<ApiResource>
}

/** A list/watch query: one kind, optionally one namespace, a label selector (`a=b,c!=d`) and one name. */
export interface ObjectQuery {
  readonly apiVersion: string
  readonly kind: string
  readonly namespace?: string
  readonly labelSelector?: string
  readonly name?: string
}

/** One watch event. */
export interface WatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED'
  readonly object: KubeObject
}

/** The ref of an object (its apiVersion, kind, name and namespace). */
export const refOf = (o: KubeObject, defaultNamespace?: string): ObjectRef => {
  const namespace = o.metadata.namespace ?? defaultNamespace
  return namespace === undefined
    ? { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name ?? '' }
    : { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name ?? '', namespace }
}

/** `Kind/name` or `Kind/namespace/name`, for messages and plans. */
export const describeRef = (r: ObjectRef): string =>
  r.namespace ? `${r.kind}/${r.namespace}/${r.name}` : `${r.kind}/${r.name}`

/** The group of an apiVersion (`apps/v1` → `apps`, `v1` → ``). */
export const groupOf = (apiVersion: string): string => (apiVersion.includes('/') ? apiVersion.split('/')[0]! : '')

// a discovery answer is never changed: its API versions are listed once (a cluster may answer with the same one)
const versionsOf = new WeakMap<Discovery, ReadonlyArray<string>>()

/**
 * Every `apiVersion` the server serves plus every `group/version/Kind` (Helm's `.Capabilities.APIVersions`
 * holds both forms since v2.15).
 */
export const apiVersionsOf = (d: Discovery): ReadonlyArray<string> => {
  const known = versionsOf.get(d)
  if (known !== undefined) return known
  const out = new Set<string>()
  for (const r of d.resources) {
    out.add(r.groupVersion)
    out.add(`${r.groupVersion}/${r.kind}`)
  }
  const sorted = [...out].sort()
  versionsOf.set(d, sorted)
  return sorted
}

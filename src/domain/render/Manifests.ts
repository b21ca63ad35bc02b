import { parseDocument } from 'yaml'
import { reindentQuotedContinuations } from './QuotedContinuation'

/** One rendered YAML document and the file it came from. */
export interface Manifest {
  readonly path: string
  readonly content: string
  readonly kind: string
  readonly name: string
}

/** A document annotated `helm.sh/hook` with at least one known event. */
export interface Hook extends Manifest {
  readonly events: ReadonlyArray<string>
  readonly weight: number
  readonly deletePolicies: ReadonlyArray<string>
}

/** Helm's install order of kinds; unknown kinds go last, alphabetically. */
export const installOrder: ReadonlyArray<string> = [
  'PriorityClass', 'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy', 'PodDisruptionBudget',
  'ServiceAccount', 'Secret', 'SecretList', 'ConfigMap', 'StorageClass', 'PersistentVolume', 'PersistentVolumeClaim',
  'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleList', 'ClusterRoleBinding', 'ClusterRoleBindingList', 'Role',
  'RoleList', 'RoleBinding', 'RoleBindingList', 'Service', 'DaemonSet', 'Pod', 'ReplicationController', 'ReplicaSet',
  'Deployment', 'HorizontalPodAutoscaler', 'StatefulSet', 'Job', 'CronJob', 'IngressClass', 'Ingress', 'APIService',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
]

const hookEvents = new Set([
  'pre-install', 'post-install', 'pre-delete', 'post-delete', 'pre-upgrade', 'post-upgrade', 'pre-rollback', 'post-rollback', 'test', 'test-success',
])

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v'

/**
 * Splits a YAML stream as Helm's SplitManifests does (separator: `---` at the start of a line, with the
 * whitespace around it; text after `---` on the same line starts the next document). Documents are
 * trimmed; empty ones dropped.
 */
export const splitManifests = (text: string): string[] => {
  const s = text.trim()
  const docs: string[] = []
  let start = 0
  let from = 0
  if (s.startsWith('---')) {
    start = 3
    while (isSpace(s[start])) start++
    from = start
  }
  for (;;) {
    const nl = s.indexOf('\n---', from)
    if (nl < 0) break
    docs.push(s.slice(start, nl))
    let next = nl + 4
    while (isSpace(s[next])) next++
    start = next
    from = next
  }
  docs.push(s.slice(start))
  return docs.map((d) => d.trim()).filter((d) => d !== '')
}

/** A document Helm cannot read as an object head (`YAML parse error on <path>: <reason>`). */
export interface ManifestProblem {
  readonly path: string
  readonly reason: string
}

interface Head {
  readonly kind: string
  readonly name: string
  readonly annotations: Readonly<Record<string, string>>
}

const readHead = (doc: string): Head | string => {
  let v: unknown
  try {
    let d = parseDocument(doc, { version: '1.1', uniqueKeys: false })
    const repaired = d.errors.length > 0 ? reindentQuotedContinuations(doc) : undefined
    if (repaired !== undefined) {
      const again = parseDocument(repaired, { version: '1.1', uniqueKeys: false })
      if (again.errors.length === 0) d = again
    }
    const err = d.errors[0]
    if (err) return `error converting YAML to JSON: yaml: line ${err.linePos?.[0].line ?? 1}: ${err.message.split(' at line')[0]}`
    v = d.toJS({ maxAliasCount: 1000 })
  } catch (e) {
    return `error converting YAML to JSON: yaml: ${(e as Error).message.split('\n')[0]}`
  }
  if (v === null || v === undefined) return { kind: '', name: '', annotations: {} }
  if (typeof v !== 'object' || Array.isArray(v))
    return `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : 'string'} into Go value of type util.SimpleHead`
  const o = v as Record<string, unknown>
  const meta = (o.metadata ?? {}) as Record<string, unknown>
  const ann = (typeof meta === 'object' && meta !== null ? meta.annotations : undefined) ?? {}
  const annotations: Record<string, string> = {}
  if (typeof ann === 'object' && ann !== null && !Array.isArray(ann))
    for (const [k, val] of Object.entries(ann)) if (typeof val === 'string') annotations[k] = val
  return {
    kind: typeof o.kind === 'string' ? o.kind : '',
    name: typeof meta === 'object' && meta !== null && typeof meta.name === 'string' ? meta.name : '',
    annotations,
  }
}

const orderIndex = new Map(installOrder.map((k, i) => [k, i]))

/** Helm's lessByKind: known kinds by install order, unknown ones after them alphabetically; stable otherwise. */
export const sortByKind = <M extends { readonly kind: string }>(items: ReadonlyArray<M>, order: ReadonlyArray<string> = installOrder): M[] => {
  const idx = order === installOrder ? orderIndex : new Map(order.map((k, i) => [k, i]))
  return items
    .map((m, i) => ({ m, i }))
    .sort((a, b) => {
      const ia = idx.get(a.m.kind)
      const ib = idx.get(b.m.kind)
      if (ia === undefined && ib === undefined) return a.m.kind < b.m.kind ? -1 : a.m.kind > b.m.kind ? 1 : a.i - b.i
      if (ia === undefined) return 1
      if (ib === undefined) return -1
      return ia - ib || a.i - b.i
    })
    .map((x) => x.m)
}

/**
 * Helm's SortManifests: rendered files in path order (partials and blank files skipped), each split into
 * documents; documents with a known `helm.sh/hook` become hooks (unknown hook names are dropped, as Helm
 * does), the rest manifests; both sorted by kind. Returns the first unreadable document as a problem.
 */
export const sortManifests = (
  files: ReadonlyMap<string, string>,
): { readonly hooks: Hook[]; readonly manifests: Manifest[] } | ManifestProblem => {
  const hooks: Hook[] = []
  const manifests: Manifest[] = []
  const paths = [...files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  for (const path of paths) {
    if (path.slice(path.lastIndexOf('/') + 1).startsWith('_')) continue
    const text = files.get(path)!
    if (text.trim() === '') continue
    for (const content of splitManifests(text)) {
      const head = readHead(content)
      if (typeof head === 'string') return { path, reason: head }
      const hookAnn = head.annotations['helm.sh/hook']
      if (hookAnn === undefined) {
        manifests.push({ path, content, kind: head.kind, name: head.name })
        continue
      }
      const events = hookAnn.split(',').map((e) => e.trim().toLowerCase())
      if (events.some((e) => !hookEvents.has(e))) continue
      const weight = Number.parseInt(head.annotations['helm.sh/hook-weight'] ?? '0', 10)
      const deletePolicies = (head.annotations['helm.sh/hook-delete-policy'] ?? '')
        .split(',')
        .map((p) => p.trim().toLowerCase())
        .filter((p) => p !== '')
      hooks.push({ path, content, kind: head.kind, name: head.name, events, weight: Number.isNaN(weight) ? 0 : weight, deletePolicies })
    }
  }
  return { hooks: sortByKind(hooks), manifests: sortByKind(manifests) }
}

/** True for a hook that runs on `helm test`. */
export const isTestHook = (h: Hook): boolean => h.events.some((e) => e === 'test' || e === 'test-success')

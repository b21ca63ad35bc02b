import * as E from 'fp-ts/Either'
import type { Deps } from './Deps'
import type { HelmError } from '../../domain/errors'
import { placedRef } from '../../domain/release/ChangeSet'
import { numAt, objAt, objectsAt, strAt } from '../../domain/release/Fields'
import { kindNotFound } from '../../domain/release/KubeError'
import type { KubeObject } from '../../domain/release/KubeObject'
import { manifestObjects } from '../../domain/release/Manifest'
import { scopeOf } from './Apply'

/** kubectl's short age: 45s, 12m, 3h, 5d. */
export const age = (from: string | undefined, now: Date): string => {
  if (!from) return '<unknown>'
  const s = Math.max(0, Math.floor((now.getTime() - new Date(from).getTime()) / 1000))
  return s < 120
    ? `${s}s`
    : s < 7200
      ? `${Math.floor(s / 60)}m`
      : s < 172800
        ? `${Math.floor(s / 3600)}h`
        : `${Math.floor(s / 86400)}d`
}

const columns = (kind: string): { head: string[]; row: (o: KubeObject) => string[] } => {
  switch (kind) {
    case 'Pod':
      return {
        head: ['READY', 'STATUS'],
        row: (o) => [
          `${objectsAt(o, 'status', 'conditions').some((c) => c.type === 'Ready' && c.status === 'True') ? 1 : 0}/${objectsAt(o, 'spec', 'containers').length}`,
          strAt(o, 'status', 'phase') ?? 'Pending',
        ],
      }
    case 'Deployment':
      return {
        head: ['READY', 'UP-TO-DATE', 'AVAILABLE'],
        row: (o) => [
          `${numAt(o, 'status', 'readyReplicas') ?? 0}/${numAt(o, 'spec', 'replicas') ?? 1}`,
          String(numAt(o, 'status', 'updatedReplicas') ?? 0),
          String(numAt(o, 'status', 'availableReplicas') ?? 0),
        ],
      }
    case 'StatefulSet':
      return {
        head: ['READY'],
        row: (o) => [`${numAt(o, 'status', 'readyReplicas') ?? 0}/${numAt(o, 'spec', 'replicas') ?? 1}`],
      }
    case 'Service':
      return {
        head: ['TYPE', 'CLUSTER-IP'],
        row: (o) => [strAt(o, 'spec', 'type') ?? 'ClusterIP', strAt(o, 'spec', 'clusterIP') ?? '<none>'],
      }
    case 'ConfigMap':
    case 'Secret':
      return { head: ['DATA'], row: (o) => [String(Object.keys(objAt(o, 'data') ?? {}).length)] }
    default:
      return { head: [], row: () => [] }
  }
}

const table = (rows: string[][]): string => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  return rows
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]! + 2)))
        .join('')
        .trimEnd(),
    )
    .join('\n')
}

/**
 * The live resource table of `helm status` (Helm v2 `kube.Client.Get`): one `==> version/Kind`
 * section per kind with NAME, a few kind-specific columns and AGE; objects gone from the cluster are
 * listed under `==> MISSING`.
 */
export const resourceTable = async (
  d: Deps,
  manifest: string,
  namespace: string,
): Promise<E.Either<HelmError, string>> => {
  const discovery = await d.kube.discover()()
  if (E.isLeft(discovery)) return discovery
  const objs = manifestObjects(manifest)
  if (E.isLeft(objs)) return objs
  const scope = scopeOf(discovery.right)
  const groups = new Map<string, KubeObject[]>()
  const missing: string[][] = []
  for (const m of objs.right) {
    const ref = placedRef(m.object, namespace, scope)
    const live = scope.served(ref.apiVersion, ref.kind)
      ? await d.kube.get(ref)()
      : E.left(kindNotFound(ref.apiVersion, ref.kind))
    if (E.isLeft(live)) {
      if (live.left._tag !== 'KubeNotFound' && live.left._tag !== 'KindNotFound') return live
      missing.push([ref.kind, ref.name])
      continue
    }
    // Helm v2 groups by `<version>/<Kind>` (no API group)
    const key = `${ref.apiVersion.slice(ref.apiVersion.lastIndexOf('/') + 1)}/${ref.kind}`
    groups.set(key, [...(groups.get(key) ?? []), live.right])
  }
  const now = d.clock.now()
  const sections = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, list]) => {
      const cols = columns(list[0]!.kind)
      const rows = [
        ['NAME', ...cols.head, 'AGE'],
        ...list.map((o) => [
          o.metadata.name ?? '',
          ...cols.row(o),
          age(o.metadata.creationTimestamp as string | undefined, now),
        ]),
      ]
      return `==> ${key}\n${table(rows)}\n`
    })
  // Helm v2 MissingGetHeader and its tab-separated lines
  if (missing.length > 0)
    sections.push(`==> MISSING\nKIND\t\tNAME\n${missing.map(([k, n]) => `${k}\t\t${n}\n`).join('')}`)
  return E.right(sections.join('\n'))
}

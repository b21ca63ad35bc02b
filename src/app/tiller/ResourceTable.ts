import * as E from 'fp-ts/Either'
import type { Deps } from './Deps'
import type { HelmError } from '../../domain/errors'
import { placedRef } from '../../domain/release/ChangeSet'
import { kindNotFound } from '../../domain/release/KubeError'
import type { KubeObject } from '../../domain/release/KubeObject'
import { manifestObjects } from '../../domain/release/Manifest'
import { scopeOf } from './Apply'
import { mapInOrder } from './Concurrent'
import { kindTable, podSelector } from './ResourceColumns'

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
 * The live resource table of `helm status` (Helm v2.17 `kube.Client.Get`): one `==> version/Kind` section per
 * kind (sorted by that key) with the columns the API server prints for `kubectl get`, the pods selected by the
 * release's Deployments, ReplicaSets, ReplicationControllers, DaemonSets, StatefulSets and Jobs under
 * `==> v1/Pod(related)`, and objects gone from the cluster under `==> MISSING` (as `GROUP/VERSION,
 * Resource=PLURAL`; v2.17's two passes list each of them twice, we list it once).
 */
export const resourceTable = async (
  d: Deps,
  manifest: string,
  namespace: string,
): Promise<E.Either<HelmError, string>> => {
  // the kinds as Helm v2's cached RESTMapper knows them; read afresh when one is unknown to the cached document
  // (a kind a CustomResourceDefinition added since), so that only kinds the server does not serve are MISSING
  const cached = await d.kube.discover({ cached: true })()
  if (E.isLeft(cached)) return cached
  const objs = manifestObjects(manifest)
  if (E.isLeft(objs)) return objs
  const known = scopeOf(cached.right)
  const discovery = objs.right.every((m) => known.served(m.object.apiVersion, m.object.kind))
    ? cached
    : await d.kube.discover()()
  if (E.isLeft(discovery)) return discovery
  const scope = discovery === cached ? known : scopeOf(discovery.right)
  const groups = new Map<string, KubeObject[]>()
  const missing: string[] = []
  const related: KubeObject[] = []
  // each object and its related pods read together with the others; the table is built in manifest order
  const reads = await mapInOrder(objs.right, async (m) => {
    const ref = placedRef(m.object, namespace, scope)
    const live = scope.served(ref.apiVersion, ref.kind)
      ? await d.kube.get(ref)()
      : E.left(kindNotFound(ref.apiVersion, ref.kind))
    const selector = E.isRight(live) ? podSelector(live.right) : undefined
    const pods =
      E.isRight(live) && selector !== undefined
        ? await d.kube.list({
            apiVersion: 'v1',
            kind: 'Pod',
            namespace: live.right.metadata.namespace ?? ref.namespace ?? namespace,
            labelSelector: Object.entries(selector)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, v]) => `${k}=${v}`)
              .join(','),
          })()
        : undefined
    return { ref, live, pods }
  })
  for (const { ref, live, pods } of reads) {
    if (E.isLeft(live)) {
      if (live.left._tag !== 'KubeNotFound' && live.left._tag !== 'KindNotFound') return live
      const plural =
        discovery.right.resources.find((r) => r.groupVersion === ref.apiVersion && r.kind === ref.kind)?.name ??
        `${ref.kind.toLowerCase()}s`
      const gv = ref.apiVersion.includes('/') ? ref.apiVersion : `/${ref.apiVersion}`
      missing.push(`${gv}, Resource=${plural}\t\t${ref.name}`)
      continue
    }
    // Helm v2 groups by `<version>/<Kind>` (no API group)
    const key = `${ref.apiVersion.slice(ref.apiVersion.lastIndexOf('/') + 1)}/${ref.kind}`
    groups.set(key, [...(groups.get(key) ?? []), live.right])
    // v2 only logs a failed lookup of related pods
    if (pods !== undefined && E.isRight(pods)) related.push(...pods.right)
  }
  if (related.length > 0) groups.set('v1/Pod(related)', related)
  const now = d.clock.now()
  const sections = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, list]) => {
      const kind = key === 'v1/Pod(related)' ? 'Pod' : (list[0] as KubeObject).kind
      const byName = [...list].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1))
      return `==> ${key}\n${table(kindTable(kind, byName, now))}\n`
    })
  // Helm v2 MissingGetHeader and its tab-separated lines
  if (missing.length > 0) sections.push(`==> MISSING\nKIND\t\tNAME\n${missing.map((l) => `${l}\n`).join('')}`)
  return E.right(sections.join('\n'))
}

// The `…/scale` subresource's view of a workload.
import type { KObj } from './Resources'

/** A label selector written the way Scale.status.selector carries it (`a=b,c in (d)`). */
export const selectorString = (sel: KObj | undefined): string =>
  [
    ...Object.entries((sel?.matchLabels ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`),
    ...((sel?.matchExpressions ?? []) as KObj[]).map((e) => {
      const op = String(e.operator).toLowerCase()
      return op === 'exists'
        ? e.key
        : op === 'doesnotexist'
          ? `!${e.key}`
          : `${e.key} ${op} (${(e.values ?? []).join(',')})`
    }),
  ].join(',')

/** The autoscaling/v1 Scale of a workload (the `…/scale` subresource). */
export const scaleOf = (o: KObj): KObj => ({
  apiVersion: 'autoscaling/v1',
  kind: 'Scale',
  metadata: {
    name: o.metadata.name,
    namespace: o.metadata.namespace,
    uid: o.metadata.uid,
    resourceVersion: o.metadata.resourceVersion,
    creationTimestamp: o.metadata.creationTimestamp,
  },
  spec: { replicas: o.spec?.replicas ?? 0 },
  status: { replicas: o.status?.replicas ?? 0, selector: selectorString(o.spec?.selector) },
})

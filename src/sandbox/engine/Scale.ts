// The `…/scale` subresource's view of a workload.
import * as E from 'fp-ts/Either'
import { requirementsOf, selectorString } from '../../domain/release/LabelSelector'
import { type JsonObject, type KObj, listAt, numAt, objAt, objectsAt, strAt, stringMapAt } from './Json'

/** A workload's `spec.selector` as the LabelSelectorObject the domain reads. */
export const labelSelectorOf = (sel: JsonObject | undefined) =>
  sel === undefined
    ? undefined
    : {
        matchLabels: stringMapAt(sel, 'matchLabels'),
        matchExpressions: objectsAt(sel, 'matchExpressions').map((e) => ({
          key: strAt(e, 'key') ?? '',
          operator: strAt(e, 'operator') ?? '',
          values: listAt(e, 'values').filter((v): v is string => typeof v === 'string'),
        })),
      }

/** The autoscaling/v1 Scale of a workload (the `…/scale` subresource); status.selector as `a=b,c in (d)`. */
export const scaleOf = (o: KObj): JsonObject => {
  const reqs = requirementsOf(labelSelectorOf(objAt(o, 'spec', 'selector')))
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: {
      name: o.metadata.name,
      namespace: o.metadata.namespace,
      uid: o.metadata.uid,
      resourceVersion: o.metadata.resourceVersion,
      creationTimestamp: o.metadata.creationTimestamp,
    },
    spec: { replicas: numAt(o, 'spec', 'replicas') ?? 0 },
    status: {
      replicas: numAt(o, 'status', 'replicas') ?? 0,
      selector: E.isRight(reqs) && reqs.right ? selectorString(reqs.right) : '',
    },
  }
}

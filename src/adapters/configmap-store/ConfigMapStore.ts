import type { NamespacedObjects } from '../../ports/NamespacedObjects'
import type { ReleaseStore } from '../../ports/ReleaseStore'
import { helmV2Layout } from './HelmV2Layout'
import { objectStore, type ObjectStoreOptions } from './ObjectStore'

/** Helm v2's ConfigMap storage driver on `objects` in `namespace` (releases over one object are split). */
export const configMapStore = (
  objects: NamespacedObjects,
  namespace: string,
  opts: ObjectStoreOptions = {},
): ReleaseStore => objectStore(helmV2Layout('ConfigMap'), objects, namespace, { name: 'configmap', ...opts })

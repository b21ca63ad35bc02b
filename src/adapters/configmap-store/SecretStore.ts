import type { NamespacedObjects } from '../../ports/NamespacedObjects'
import type { ReleaseStore } from '../../ports/ReleaseStore'
import { helmV2Layout } from './HelmV2Layout'
import { objectStore, type ObjectStoreOptions } from './ObjectStore'

/** Helm v2's Secret storage driver: the ConfigMap layout in Secrets of type Opaque. */
export const secretStore = (
  objects: NamespacedObjects,
  namespace: string,
  opts: ObjectStoreOptions = {},
): ReleaseStore => objectStore(helmV2Layout('Secret'), objects, namespace, { name: 'secret', ...opts })

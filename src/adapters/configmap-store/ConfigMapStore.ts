import type { ReleaseStore } from '../../ports/ReleaseStore'
import type { Rest } from '../k8s/Rest'
import { objectStore, type ObjectStoreOptions } from './ObjectStore'

/**
 * Helm v2's ConfigMap storage driver (`--storage=configmap`, the default): ConfigMap `NAME.vN` in Tiller's
 * namespace, labels NAME, OWNER=TILLER, STATUS, VERSION, `data.release` = the encoded release; releases
 * larger than one object are split (see ObjectStore).
 */
export const configMapStore = (rest: Rest, namespace: string, opts: ObjectStoreOptions = {}): ReleaseStore =>
  objectStore(
    { kind: 'ConfigMap', resource: 'configmaps', encode: (s) => s, decode: (s) => s, extra: {} },
    rest,
    namespace,
    { name: 'configmap', ...opts },
  )

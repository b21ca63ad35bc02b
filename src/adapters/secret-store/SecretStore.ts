import { objectStore, type ObjectStoreOptions } from '../configmap-store/ObjectStore'
import type { ReleaseStore } from '../../ports/ReleaseStore'
import type { Rest } from '../k8s/Rest'

/**
 * Helm v2's Secret storage driver (`--storage=secret`): the ConfigMap layout in Secrets. `data.release`
 * holds the same encoded string as bytes, so on the wire it is base64 twice, as Helm v2 wrote it.
 */
export const secretStore = (rest: Rest, namespace: string, opts: ObjectStoreOptions = {}): ReleaseStore =>
  objectStore(
    {
      kind: 'Secret',
      resource: 'secrets',
      encode: (s) => Buffer.from(s, 'utf8').toString('base64'),
      decode: (s) => Buffer.from(s, 'base64').toString('utf8'),
      extra: { type: 'Opaque' },
    },
    rest,
    namespace,
    { name: 'secret', ...opts },
  )

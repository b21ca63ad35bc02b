// The NamespacedObjects port on the API server (the k8s adapter against the sandbox) and in memory (the test
// adapter the store and crash-point suites run on): one contract.
import { namespacedObjects } from '../../../src/adapters/k8s/Objects'
import { namespacedObjectsContract } from '../../ports/NamespacedObjects.contract'
import { memoryObjects } from '../configmap-store/memoryObjects'
import { sandboxWithRest } from '../configmap-store/sandbox'

let n = 0
namespacedObjectsContract('memory', async () => ({ objects: memoryObjects(), namespace: async () => `ns-${++n}` }))

const env = await sandboxWithRest()
namespacedObjectsContract('k8s adapter on the sandbox', async () => ({
  objects: namespacedObjects(env.rest),
  namespace: env.namespace,
}))

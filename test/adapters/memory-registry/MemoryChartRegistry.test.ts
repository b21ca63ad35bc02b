import { memoryChartRegistry } from '../../../src/adapters/memory-registry/MemoryChartRegistry'
import { chartRegistryContract } from '../../ports/ChartRegistry.contract'

chartRegistryContract('memory', async () => {
  const registry = memoryChartRegistry({ alice: 's3cret' })
  return {
    registry,
    host: 'registry.test:5000',
    auth: { credential: { username: 'alice', password: 's3cret' } },
    wrongAuth: { credential: { username: 'alice', password: 'wrong' } },
    tamper: registry.tamper,
    close: async () => undefined,
  }
})

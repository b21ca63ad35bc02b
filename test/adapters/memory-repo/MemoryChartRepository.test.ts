import { memoryChartRepository } from '../../../src/adapters/memory-repo/MemoryChartRepository'
import { chartRepositoryContract } from '../../ports/ChartRepository.contract'

chartRepositoryContract('memory', async (files) => ({
  repo: memoryChartRepository(
    Object.fromEntries(Object.entries(files).map(([p, d]) => [`https://repo.test/${p}`, Buffer.from(d, 'latin1')])),
  ),
  base: 'https://repo.test',
  close: async () => undefined,
}))

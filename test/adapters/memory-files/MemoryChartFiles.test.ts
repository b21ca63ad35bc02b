import { memoryChartFiles } from '../../../src/adapters/memory-files/MemoryChartFiles'
import { chartFilesContract } from '../../ports/ChartFiles.contract'

chartFilesContract('memory', async (seed) => ({
  files: memoryChartFiles(Object.fromEntries(Object.entries(seed).map(([p, d]) => [`/work/${p}`, d]))),
  root: '/work',
}))

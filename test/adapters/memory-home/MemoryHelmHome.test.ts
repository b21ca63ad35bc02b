import { memoryHelmHome } from '../../../src/adapters/memory-home/MemoryHelmHome'
import { helmHomeContract } from '../../ports/HelmHome.contract'

helmHomeContract('memory', async () => memoryHelmHome())

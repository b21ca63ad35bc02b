import { memoryStore } from '../../../src/adapters/memory-store/MemoryStore'
import { releaseStoreContract } from '../../ports/ReleaseStore.contract'

releaseStoreContract('memory-store', async () => memoryStore())

import { memoryKube } from '../../src/adapters/memory-kube/MemoryKube'
import { virtualClock } from '../../src/adapters/system/VirtualClock'
import { createTiller } from '../../src/tiller/embed'
import { tillerApiContract } from '../ports/TillerApi.contract'

tillerApiContract('in-process (createTiller)', async () => {
  const clock = virtualClock()
  const kube = memoryKube({ clock })
  return { api: createTiller({ clock, kube }), kube }
})

import { suite } from 'uvu'
import { grpcTillerClient } from '../../../src/adapters/grpc/Client'
import { startGrpcServer } from '../../../src/adapters/grpc/Server'
import { memoryKube } from '../../../src/adapters/memory-kube/MemoryKube'
import { virtualClock } from '../../../src/adapters/system/VirtualClock'
import { createTiller } from '../../../src/tiller/embed'
import { tillerApiContract } from '../../ports/TillerApi.contract'

const open: Array<() => Promise<void>> = []

tillerApiContract('gRPC client ↔ gRPC server', async () => {
  const clock = virtualClock()
  const kube = memoryKube({ clock })
  const server = await startGrpcServer({
    api: createTiller({ clock, kube }),
    listen: '127.0.0.1:0',
    version: 'v2.17.0',
  })
  const api = grpcTillerClient({ address: `127.0.0.1:${server.port}`, clientVersion: 'v2.17.0', connectTimeout: 5 })
  open.push(async () => {
    api.close()
    await server.stop(0)
  })
  return { api, kube }
})

// runs after the contract suite (uvu runs suites in order): no server or channel may keep the process alive
const cleanup = suite('gRPC contract cleanup')
cleanup('should close every server and client the contract opened', async () => {
  for (const close of open.splice(0)) await close()
})
cleanup.run()

import { grpcTillerClient } from '../../../src/adapters/grpc/Client'
import { startGrpcServer } from '../../../src/adapters/grpc/Server'
import { memoryKube } from '../../../src/adapters/memory-kube/MemoryKube'
import { virtualClock } from '../../../src/adapters/system/VirtualClock'
import { createTiller } from '../../../src/tiller/embed'
import { tillerApiContract } from '../../ports/TillerApi.contract'

// Each test's server and channel are closed after it (the contract's after.each calls `close`); a handle left open
// keeps the worker alive, which scripts/test.mjs counts as a failure.
tillerApiContract('gRPC client ↔ gRPC server', async () => {
  const clock = virtualClock()
  const kube = memoryKube({ clock })
  const server = await startGrpcServer({
    api: createTiller({ clock, kube }),
    listen: '127.0.0.1:0',
    version: 'v2.17.0',
  })
  const api = grpcTillerClient({ address: `127.0.0.1:${server.port}`, clientVersion: 'v2.17.0', connectTimeout: 5 })
  return {
    api,
    kube,
    close: async () => {
      api.close()
      await server.stop(0)
    },
  }
})

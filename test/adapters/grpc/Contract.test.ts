import { memoryKube } from '../../../src/adapters/memory-kube/MemoryKube'
import { virtualClock } from '../../../src/adapters/memory-kube/VirtualClock'
import { grpcTillerClient } from '../../../src/adapters/grpc/Client'
import { startGrpcServer } from '../../../src/adapters/grpc/Server'
import { createTiller } from '../../../src/tiller/embed'
import { tillerApiContract } from '../../ports/TillerApi.contract'

const servers: Array<{ stop: (ms: number) => Promise<void> }> = []

tillerApiContract('gRPC client ↔ gRPC server', async () => {
  const clock = virtualClock()
  const kube = memoryKube({ clock })
  const server = await startGrpcServer({ api: createTiller({ clock, kube }), listen: '127.0.0.1:0', version: 'v2.17.0' })
  servers.push(server)
  const api = grpcTillerClient({ address: `127.0.0.1:${server.port}`, clientVersion: 'v2.17.0', connectTimeout: 5 })
  return { api, kube }
})

process.on('beforeExit', () => {
  for (const s of servers.splice(0)) void s.stop(0)
})

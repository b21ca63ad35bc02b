import { memoryPluginHost } from '../../../src/adapters/memory-plugins/MemoryPlugins'
import { pluginsContract } from '../../ports/Plugins.contract'
import { vcsContract } from '../../ports/Vcs.contract'

pluginsContract('memory', async () => {
  const host = memoryPluginHost()
  return {
    plugins: host.plugins,
    root: '/work',
    write: (path, text) => host.put(path, text),
    program: (path) =>
      host.program(path, (c) => ({
        code: Number(c.env.CODE ?? 0),
        stdout: `ARGS=${c.args.join(' ')}\nX=${c.env.X ?? ''}\n`,
        stderr: 'err\n',
      })),
    printed: host.stdout,
  }
})

vcsContract('memory', async () => {
  const remote = { main: { 'v.txt': '3' }, tags: { v1: { 'v.txt': '1' }, v2: { 'v.txt': '2' } } }
  const host = memoryPluginHost({ remotes: { 'mem://remote': remote } })
  return {
    vcs: host.vcs,
    root: '/work',
    url: 'mem://remote',
    push: (v) => host.remote('mem://remote', { ...remote, main: { 'v.txt': v } }),
    read: host.read,
    write: (p, text) => host.put(p, text),
  }
})

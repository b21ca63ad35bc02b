// Plugin use cases (install, remove, update, run, downloaders) on memory adapters: a memory file tree and programs,
// memory git remotes, a memory chart repository.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { memoryPluginHost } from '../../../src/adapters/memory-plugins/MemoryPlugins'
import { memoryChartRepository } from '../../../src/adapters/memory-repo/MemoryChartRepository'
import { findPlugins } from '../../../src/app/client/FindPlugins'
import type { PluginContext } from '../../../src/app/client/PluginContext'
import { downloaderTransport } from '../../../src/app/client/PluginDownloaders'
import { installPlugin } from '../../../src/app/client/PluginInstall'
import { removePlugins, updatePlugins } from '../../../src/app/client/PluginManage'
import { runPlugin } from '../../../src/app/client/PluginRun'
import { message } from '../../../src/domain/errors'
import { assertLeft, assertRight } from '../../helpers'
import { rawEntry, tgz } from '../../domain/chart/archive/RawTar'
import { memoryDeps } from './Deps.fixture'

const ctx: PluginContext = {
  settings: {
    home: '/h',
    repository: '/h/repository',
    repositoryFile: '/h/repository/repositories.yaml',
    cache: '/h/repository/cache',
    localRepository: '/h/repository/local',
    starters: '/h/starters',
    pluginDirs: ['/h/plugins'],
    helmBin: '/bin/helm',
    tillerHost: '',
    tillerNamespace: 'kube-system',
    debug: false,
  },
  env: { PATH: '/bin', OUTER: 'kept' },
  cwd: '/work',
  platform: { os: 'linux', arch: 'amd64' },
}
const reserved = ['install', 'plugin', 'version']

const pluginYaml = (name: string, version: string, extra = '') =>
  `name: ${name}\nversion: ${version}\ncommand: "$HELM_PLUGIN_DIR/run.sh"\n${extra}`

const setup = () => {
  const host = memoryPluginHost({
    remotes: {
      'https://git.example/helm-gp.git': {
        main: { 'plugin.yaml': pluginYaml('gp', '2.0.0'), 'run.sh': '' },
        tags: {
          'v1.0.0': { 'plugin.yaml': pluginYaml('gp', '1.0.0'), 'run.sh': '' },
          'v1.4.0': { 'plugin.yaml': pluginYaml('gp', '1.4.0'), 'run.sh': '' },
          'v2.0.0': { 'plugin.yaml': pluginYaml('gp', '2.0.0'), 'run.sh': '' },
        },
      },
    },
  })
  host.program('sh', (c) => ({
    code: /exit 9/.test(c.args[1] ?? '') ? 9 : 0,
    stdout: `hook ${c.env.HELM_PLUGIN_NAME}\n`,
  }))
  const repos = memoryChartRepository({
    'https://dl.example/p-1.0.tgz': tgz(
      rawEntry('p/plugin.yaml', '0', pluginYaml('p', '1.0')),
      rawEntry('p/run.sh', '0', '', '', 0o755),
    ),
    'https://dl.example/evil-1.0.tgz': tgz(
      rawEntry('plugin.yaml', '0', pluginYaml('e', '1')),
      rawEntry('../x', '0', ''),
    ),
  })
  const { deps, out } = memoryDeps({ plugins: host.plugins, vcs: host.vcs, repos })
  return { host, deps, out }
}

const s = suite('plugin use cases')

s('should install from a VCS URL at the highest tag satisfying --version, and update it', async () => {
  const { host, deps, out } = setup()
  const m = assertRight(
    await installPlugin({ source: 'https://git.example/helm-gp.git', version: '~1', reserved, context: ctx })(deps)(),
  )
  assert.is(m.version, '1.4.0')
  assert.ok(host.paths().includes('/h/plugins/helm-gp -> /h/cache/plugins/https-git.example-helm-gp.git'))
  assert.equal(out, ['Installed plugin: gp'])
  assertRight(await updatePlugins({ names: ['gp'], reserved, context: ctx })(deps)())
  assert.is(out.at(-1), 'Updated plugin: gp')
  const e = assertLeft(
    await installPlugin({ source: 'https://git.example/helm-gp.git', version: '>9', reserved, context: ctx })(deps)(),
  )
  assert.match(message(e), /plugin already exists/)
})

s('should install an archive, refuse a hostile one, and leave nothing behind when a step fails', async () => {
  const { host, deps } = setup()
  const before = host.paths()
  const evil = assertLeft(
    await installPlugin({ source: 'https://dl.example/evil-1.0.tgz', version: '', reserved, context: ctx })(deps)(),
  )
  assert.is(evil._tag, 'UnsafeArchive')
  assert.equal(host.paths(), before)
  host.put('/src/hooky/plugin.yaml', pluginYaml('hooky', '1', 'hooks:\n  install: "exit 9"\n'))
  const hook = assertLeft(await installPlugin({ source: '/src/hooky', version: '', reserved, context: ctx })(deps)())
  assert.is(message(hook), 'plugin install hook for "hooky" exited with error')
  assert.equal(
    host.paths().filter((p) => p.startsWith('/h')),
    [],
  )
  host.put('/src/version/plugin.yaml', pluginYaml('version', '1'))
  assert.is(
    assertLeft(await installPlugin({ source: '/src/version', version: '', reserved, context: ctx })(deps)())._tag,
    'PluginNameTaken',
  )
  assertRight(
    await installPlugin({ source: 'https://dl.example/p-1.0.tgz', version: '', reserved, context: ctx })(deps)(),
  )
  assert.is(host.modeOf('/h/plugins/p/run.sh'), 0o755)
  const scan = assertRight(await findPlugins(ctx.settings.pluginDirs, reserved)(deps)())
  assert.equal(
    scan.plugins.map((p) => p.metadata.name),
    ['p'],
  )
  const notVcs = assertLeft(await updatePlugins({ names: ['p', 'nope'], reserved, context: ctx })(deps)())
  assert.match(
    message(notVcs),
    /^Failed to update plugin p, got error \(cannot get information about plugin source: .*\)\nPlugin: nope not found$/,
  )
  assertRight(await removePlugins({ names: ['p'], reserved, context: ctx })(deps)())
  assert.equal(
    host.paths().filter((p) => p.startsWith('/h/plugins/') || p.startsWith('/h/cache/plugins/')),
    ['/h/cache/plugins/', '/h/plugins/'],
  )
})

s('should run a plugin with its environment over the outer one, and pass its exit code on', async () => {
  const { host, deps } = setup()
  host.put('/h/plugins/p/plugin.yaml', pluginYaml('p', '1'))
  host.program('/h/plugins/p/run.sh', (c) => ({
    code: c.args.includes('fail') ? 5 : 0,
    stdout: `${c.env.OUTER} ${c.env.HELM_PLUGIN_DIR}\n`,
  }))
  const plugin = assertRight(await findPlugins(ctx.settings.pluginDirs, reserved)(deps)()).plugins[0]!
  assertRight(await runPlugin({ plugin, args: ['x'], context: ctx })(deps)())
  assert.is(host.stdout(), 'kept /h/plugins/p\n')
  const e = assertLeft(await runPlugin({ plugin, args: ['fail'], context: ctx })(deps)())
  assert.equal(e, { _tag: 'PluginExited', name: 'p', code: 5 })
})

s(
  'should fetch through a downloader plugin with the repository credentials, its stderr the reason of a failure',
  async () => {
    const host = memoryPluginHost()
    host.put('/h/plugins/s3/plugin.yaml', 'name: s3\ndownloaders:\n- command: bin/get\n  protocols: [s3, S3x]\n')
    host.program('/h/plugins/s3/bin/get', (c) => {
      const url = c.args[3] ?? ''
      if (url.endsWith('/index.yaml'))
        return { code: 0, stdout: `index of ${url} by ${c.env.HELM_PLUGIN_USERNAME}`, stderr: 'note\n' }
      return { code: 1, stderr: `fetching ${url}\nAccessDenied: no such key\n` }
    })
    const { deps } = memoryDeps({ plugins: host.plugins })
    const installed = assertRight(await findPlugins(['/h/plugins'])(deps)()).plugins
    const warned: string[] = []
    const t = downloaderTransport(host.plugins, installed, ctx, (l) => void warned.push(l))!
    assert.equal(t.schemes, ['s3', 's3x'])
    const index = assertRight(await t.index('s3://bucket/charts', { username: 'u', certFile: '/c' })())
    assert.is(new TextDecoder().decode(index), 'index of s3://bucket/charts/index.yaml by u')
    assert.equal(host.calls()[0]?.args, ['/c', '', '', 's3://bucket/charts/index.yaml'])
    assert.equal(warned, ['note'])
    const e = assertLeft(await t.get('s3://bucket/charts/x-1.tgz', {})())
    assert.is(message(e), 'plugin "bin/get" exited with error: AccessDenied: no such key')
  },
)

s.run()

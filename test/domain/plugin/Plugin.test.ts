import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { message } from '../../../src/domain/errors'
import { splitPluginArgs } from '../../../src/domain/plugin/PluginArgs'
import { readPluginArchive } from '../../../src/domain/plugin/PluginArchive'
import {
  choosePlatform,
  downloaderInvocation,
  expandEnv,
  lookupIn,
  prepareCommand,
  prepareHook,
} from '../../../src/domain/plugin/PluginCommand'
import { pluginDirs, pluginEnv } from '../../../src/domain/plugin/PluginEnv'
import { decodePluginFile, type PluginMetadata } from '../../../src/domain/plugin/PluginFile'
import { cacheKey, classifySource, stripPluginName } from '../../../src/domain/plugin/PluginSource'
import { assertLeft, assertRight } from '../../helpers'
import { rawEntry, tgz } from '../chart/archive/RawTar'

const decode = suite('decodePluginFile (plugin.yaml as Helm v2 validates it)')
decode('should read every field of Helm v2 and Helm 3 plugin.yaml', () => {
  const m = assertRight(
    decodePluginFile(
      '/p/plugin.yaml',
      [
        'name: "diff"',
        'version: 3.1.3',
        'usage: "Preview helm upgrade changes as a diff"',
        'description: "Preview helm upgrade changes as a diff"',
        'useTunnel: true',
        'ignoreFlags: false',
        'command: "$HELM_PLUGIN_DIR/bin/diff"',
        'platformCommand:',
        '  - os: linux',
        '    arch: amd64',
        '    command: "$HELM_PLUGIN_DIR/bin/diff-linux"',
        '    args: ["--x"]',
        'hooks:',
        '  install: "$HELM_PLUGIN_DIR/install-binary.sh"',
        '  update: "$HELM_PLUGIN_DIR/install-binary.sh -u"',
        'downloaders:',
        '- command: "bin/helms3"',
        '  protocols:',
        '    - "s3"',
      ].join('\n'),
    ),
  )
  assert.is(m.name, 'diff')
  assert.is(m.version, '3.1.3')
  assert.is(m.useTunnel, true)
  assert.equal(m.platformCommand, [
    { os: 'linux', arch: 'amd64', command: '$HELM_PLUGIN_DIR/bin/diff-linux', args: ['--x'] },
  ])
  assert.equal(m.hooks, {
    install: '$HELM_PLUGIN_DIR/install-binary.sh',
    update: '$HELM_PLUGIN_DIR/install-binary.sh -u',
  })
  assert.equal(m.downloaders, [{ command: 'bin/helms3', protocols: ['s3'] }])
})
decode('should refuse a duplicate key, an unknown field, a wrong type and bad YAML with the file and line', () => {
  const bad = (text: string, pattern: RegExp) => {
    const e = assertLeft(decodePluginFile('/p/plugin.yaml', text))
    assert.is(e._tag, 'InvalidPluginFile', JSON.stringify(e))
    const line = message(e)
    assert.match(line, /^failed to load plugin at "\/p\/plugin.yaml": /)
    assert.not.match(line, /\n/)
    assert.match(line, pattern)
  }
  bad('name: a\nversion: 1\nname: b\n', /line 3: key "name" already set in map/)
  bad('name: a\ncommnd: x\n', /line 2: field commnd not found/)
  bad('name: a\ndownloaders:\n- command: x\n  protocol: [s3]\n', /field protocol not found in an entry of downloaders/)
  bad('name: a\nuseTunnel: [1]\n', /useTunnel/)
  bad('name: a\ncommand: "x\n', /yaml: line/)
})
decode('should refuse names that break v2 rules', () => {
  for (const name of ['', 'a b', 'a/b', '../x', 'x.y', 'é']) {
    const e = assertLeft(decodePluginFile('/p/plugin.yaml', `name: ${JSON.stringify(name)}\n`))
    assert.is(e._tag, 'InvalidPluginName', name)
  }
  assert.is(assertRight(decodePluginFile('/p/plugin.yaml', 'name: A_b-9\n')).name, 'A_b-9')
})
decode.run()

const meta = (over: Partial<PluginMetadata>): PluginMetadata => ({
  name: 'p',
  version: '',
  usage: '',
  description: '',
  command: '',
  platformCommand: [],
  ignoreFlags: false,
  useTunnel: false,
  hooks: {},
  platformHooks: {},
  downloaders: [],
  ...over,
})

const cmd = suite('plugin commands (Helm v2 PrepareCommand, Go os.Expand)')
cmd('should expand variables as Go os.Expand does', () => {
  const env = lookupIn({ A: 'x', B_1: 'y z', EMPTY: '' })
  assert.is(expandEnv('$A/${B_1}/$NOPE/$EMPTY.', env), 'x/y z//.')
  assert.is(expandEnv('cost $ 5 and $', env), 'cost $ 5 and $')
  assert.is(expandEnv('a${}b${A', env), 'abA')
  assert.is(expandEnv('$1$@', env), '')
})
cmd('should split the expanded command at spaces, append arguments unless ignoreFlags, never use a shell', () => {
  const env = { HELM_PLUGIN_DIR: '/plugins/p', V: 'a b' }
  const linux = { os: 'linux', arch: 'amd64' }
  assert.equal(
    prepareCommand(meta({ command: '$HELM_PLUGIN_DIR/run.sh --x $V' }), linux, env, ['--y', 'z; rm -rf /']),
    E.right({ file: '/plugins/p/run.sh', args: ['--x', 'a', 'b', '--y', 'z; rm -rf /'] }),
  )
  assert.equal(
    prepareCommand(meta({ command: 'echo hi', ignoreFlags: true }), linux, env, ['--y']),
    E.right({ file: 'echo', args: ['hi'] }),
  )
  const e = assertLeft(prepareCommand(meta({ command: '' }), linux, env, []))
  assert.is(message(e), 'plugin "p" has no command for linux/amd64')
})
cmd('should choose platformCommand by OS and architecture, then OS, then neither, else command', () => {
  const entries = [
    { os: '', arch: '', command: 'generic', args: [] },
    { os: 'linux', arch: '', command: 'linux', args: [] },
    { os: 'Linux', arch: 'ARM64', command: 'linux-arm64', args: ['-v'] },
    { os: 'darwin', arch: 'amd64', command: 'mac', args: [] },
  ]
  const pick = (os: string, arch: string) =>
    O.map((c: { command: string }) => c.command)(choosePlatform(entries, { os, arch }))
  assert.equal(pick('linux', 'arm64'), O.some('linux-arm64'))
  assert.equal(pick('linux', 'amd64'), O.some('linux'))
  assert.equal(pick('windows', 'amd64'), O.some('generic'))
  assert.equal(choosePlatform(entries.slice(3), { os: 'linux', arch: 'amd64' }), O.none)
  assert.equal(
    prepareCommand(meta({ command: 'fallback', platformCommand: entries.slice(3) }), { os: 'linux', arch: 'x' }, {}, [
      'a',
    ]),
    E.right({ file: 'fallback', args: ['a'] }),
  )
  assert.equal(
    prepareCommand(meta({ command: 'fallback', platformCommand: entries }), { os: 'linux', arch: 'arm64' }, {}, ['a']),
    E.right({ file: 'linux-arm64', args: ['-v', 'a'] }),
  )
})
cmd('should run hooks through sh -c and downloaders as command certFile keyFile caFile URL', () => {
  const m = meta({ hooks: { install: 'cd $HELM_PLUGIN_DIR && make' } })
  assert.equal(
    prepareHook(m, 'install', { os: 'linux', arch: 'amd64' }, {}),
    O.some({ file: 'sh', args: ['-c', 'cd $HELM_PLUGIN_DIR && make'] }),
  )
  assert.equal(prepareHook(m, 'delete', { os: 'linux', arch: 'amd64' }, {}), O.none)
  assert.equal(
    downloaderInvocation('bin/get sub', '/plugins/s3/', {}, { certFile: 'c', keyFile: '', caFile: 'ca' }, 's3://b/i'),
    { file: '/plugins/s3/bin/get', args: ['sub', 'c', '', 'ca', 's3://b/i'] },
  )
  assert.is(
    downloaderInvocation('/usr/bin/get', '/p', {}, { certFile: '', keyFile: '', caFile: '' }, 'x://y').file,
    '/usr/bin/get',
  )
})
cmd.run()

const args = suite('splitPluginArgs (Helm v2 manuallyProcessArgs)')
args('should take helm global flags out wherever they stand and leave the rest in order', () => {
  const r = assertRight(
    splitPluginArgs([
      'a',
      '--debug',
      '--host',
      'h:1',
      '-x',
      '--home=/h',
      '--kube-context',
      'c',
      '--tiller-namespace=t',
      'b',
    ]),
  )
  assert.equal(r.globals, { debug: true, host: 'h:1', home: '/h', kubeContext: 'c', tillerNamespace: 't' })
  assert.equal(r.rest, ['a', '-x', 'b'])
  assert.equal(assertRight(splitPluginArgs(['--kubeconfig', 'k', '--debug=true'])).rest, [
    '--kubeconfig',
    'k',
    '--debug=true',
  ])
  assert.is(assertLeft(splitPluginArgs(['--host']))._tag, 'InvalidArgument')
})
args.run()

const env = suite('plugin environment (Helm v2 SetupPluginEnv)')
env('should give every variable v2 gives and search $HELM_PLUGIN before $HELM_HOME/plugins', () => {
  const dirs = pluginDirs('/x:/y::', '/h/plugins')
  assert.equal(dirs, ['/x', '/y', '/h/plugins'])
  const e = pluginEnv(
    {
      home: '/h',
      repository: '/h/repository',
      repositoryFile: '/h/repository/repositories.yaml',
      cache: '/h/repository/cache',
      localRepository: '/h/repository/local',
      starters: '/h/starters',
      pluginDirs: dirs,
      helmBin: '/bin/helm',
      tillerHost: '127.0.0.1:4',
      tillerNamespace: 'ns',
      debug: false,
    },
    'p',
    '/h/plugins/p',
  )
  assert.equal(e, {
    HELM_PLUGIN_NAME: 'p',
    HELM_PLUGIN_DIR: '/h/plugins/p',
    HELM_BIN: '/bin/helm',
    HELM_PLUGIN: '/x:/y:/h/plugins',
    HELM_HOME: '/h',
    HELM_PATH_REPOSITORY: '/h/repository',
    HELM_PATH_REPOSITORY_FILE: '/h/repository/repositories.yaml',
    HELM_PATH_CACHE: '/h/repository/cache',
    HELM_PATH_LOCAL_REPOSITORY: '/h/repository/local',
    HELM_PATH_STARTER: '/h/starters',
    TILLER_HOST: '127.0.0.1:4',
    TILLER_NAMESPACE: 'ns',
  })
})
env.run()

const source = suite('plugin sources (Helm v2 installer.NewForSource)')
source('should classify folders, archive URLs and VCS URLs, and refuse anything else', () => {
  assert.equal(classifySource('/d/p', true), E.right({ _tag: 'Local', path: '/d/p' }))
  assert.equal(
    classifySource('https://h/r/helm-s3-0.9.2.tar.gz', false),
    E.right({ _tag: 'Archive', url: 'https://h/r/helm-s3-0.9.2.tar.gz', name: 'helm-s3' }),
  )
  assert.equal(classifySource('file:///srv/p.git', false), E.right({ _tag: 'Vcs', url: 'file:///srv/p.git' }))
  assert.equal(classifySource('git@github.com:a/b', false), E.right({ _tag: 'Vcs', url: 'git@github.com:a/b' }))
  assert.is(assertLeft(classifySource('no/such/dir', false))._tag, 'PluginSourceUnknown')
  assert.is(stripPluginName('helm-diff-linux-3.1.3.tgz'), 'helm-diff-linux')
  assert.is(stripPluginName('plug.tgz'), 'plug')
  assert.is(cacheKey('https://github.com/a/b'), 'https-github.com-a-b')
  assert.is(cacheKey('git@github.com:a/b'), 'git-github.com-a-b')
})
source('should read a plugin archive flat or under one top folder and refuse hostile ones', () => {
  const yaml = 'name: x\n'
  const flat = assertRight(
    readPluginArchive(
      tgz(rawEntry('plugin.yaml', '0', yaml), rawEntry('run.sh', '0', '#!/bin/sh\n', '', 0o755)),
      'x.tgz',
    ),
  )
  assert.equal(
    flat.map((f) => [f.path, f.mode]),
    [
      ['plugin.yaml', 0o644],
      ['run.sh', 0o755],
    ],
  )
  const nested = assertRight(
    readPluginArchive(tgz(rawEntry('x/plugin.yaml', '0', yaml), rawEntry('x/bin/r', '0', 'r')), 'x.tgz'),
  )
  assert.equal(
    nested.map((f) => f.path),
    ['plugin.yaml', 'bin/r'],
  )
  assert.is(assertLeft(readPluginArchive(tgz(rawEntry('a/README', '0', 'r')), 'x.tgz'))._tag, 'PluginMetadataMissing')
  for (const evil of [
    tgz(rawEntry('plugin.yaml', '0', yaml), rawEntry('../../.bashrc', '0', 'evil')),
    tgz(rawEntry('plugin.yaml', '0', yaml), rawEntry('/etc/x', '0', 'evil')),
    tgz(rawEntry('plugin.yaml', '0', yaml), rawEntry('bin/l', '2', '', '../../../etc/passwd')),
    tgz(rawEntry('plugin.yaml', '0', yaml), rawEntry('dev', '3')),
  ])
    assert.is(assertLeft(readPluginArchive(evil, 'evil.tgz'))._tag, 'UnsafeArchive')
})
source.run()

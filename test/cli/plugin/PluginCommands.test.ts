// helm plugin install/list/update/remove and running plugins, with real processes: bin/helm, git, sh and tar, plugin
// folders, a local bare git repository (file://) with tags, and archives served over loopback HTTP and HTTPS.
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs'
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttps } from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { rawEntry, tgz } from '../../domain/chart/archive/RawTar'
import { projectRoot } from '../../support/bins'
import { helmProc, scratch } from '../../support/processes'
import { makeCerts } from '../../support/tls'

const s = suite('helm plugin: install, list, run, update, remove')

/** Writes the files of a plugin folder (scripts executable). */
const writePlugin = (dir: string, files: Record<string, string>): string => {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true })
    writeFileSync(join(dir, p), text)
    if (p.endsWith('.sh') || p.startsWith('bin/')) chmodSync(join(dir, p), 0o755)
  }
  return dir
}

/** Every path under `dir` (links not followed) with its kind, to compare $HELM_HOME before and after. */
const tree = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, withFileTypes: true })
        .map(
          (e) =>
            `${join(e.parentPath, e.name).slice(dir.length)}${e.isSymbolicLink() ? '@' : e.isDirectory() ? '/' : ''}`,
        )
        .sort()
    : []

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@t',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@t',
    },
  })

const home = (dir: string) => join(dir, 'home')
const envOf = (dir: string, extra: Record<string, string> = {}) => ({ HOME: dir, HELM_HOME: home(dir), ...extra })
const helm = (dir: string, args: string[], extra: Record<string, string> = {}) =>
  helmProc(args, { cwd: dir, env: envOf(dir, extra) })
const ok = async (dir: string, args: string[], extra: Record<string, string> = {}) => {
  const r = await helm(dir, args, extra)
  assert.is(r.code, 0, `helm ${args.join(' ')}: ${r.stderr}`)
  return r
}

const listen = (server: Server): Promise<number> =>
  new Promise((r) => server.listen(0, '127.0.0.1', () => r((server.address() as AddressInfo).port)))
const close = (server: Server | undefined) => new Promise((r) => (server ? server.close(r) : r(undefined)))
/** Serves the files of `dir` by name. */
const serveFiles = (dir: string) => (req: IncomingMessage, res: ServerResponse) => {
  const file = join(dir, (req.url ?? '/').slice(1))
  if (!existsSync(file)) {
    res.writeHead(404).end('not found')
    return
  }
  res.writeHead(200).end(readFileSync(file))
}

s('should link a folder plugin, list it, run it with v2 environment and flags, and remove it (hooks run)', async () => {
  const dir = scratch('plugin-folder')
  const src = writePlugin(join(dir, 'src', 'envdump'), {
    'plugin.yaml': [
      'name: envdump',
      'version: 0.3.1',
      'usage: print the environment',
      'description: prints what helm gives a plugin',
      'command: "$HELM_PLUGIN_DIR/run.sh --from-yaml"',
      'hooks:',
      '  install: "echo installed $HELM_PLUGIN_NAME > $HELM_HOME/install.log"',
      '  delete: "echo deleted $HELM_PLUGIN_NAME > $HELM_HOME/delete.log"',
      '',
    ].join('\n'),
    'run.sh': [
      '#!/bin/sh',
      'for v in HELM_PLUGIN_NAME HELM_PLUGIN_DIR HELM_BIN HELM_HOME HELM_PATH_REPOSITORY HELM_PATH_REPOSITORY_FILE \\',
      '  HELM_PATH_CACHE HELM_PATH_LOCAL_REPOSITORY HELM_PATH_STARTER TILLER_HOST TILLER_NAMESPACE HELM_PLUGIN HELM_DEBUG; do',
      '  eval "echo $v=\\$$v"',
      'done',
      'echo "ARGS=$*"',
      'if [ -n "${READ_STDIN:-}" ]; then read line; echo "STDIN=$line"; fi',
      'echo oops >&2',
      'exit ${EXIT_WITH:-0}',
      '',
    ].join('\n'),
  })
  const install = await ok(dir, ['plugin', 'install', src])
  assert.is(install.stdout, 'Installed plugin: envdump\n')
  assert.is(readlinkSync(join(home(dir), 'plugins', 'envdump')), src)
  assert.is(readFileSync(join(home(dir), 'install.log'), 'utf8'), 'installed envdump\n')

  const list = await ok(dir, ['plugin', 'list'])
  assert.match(
    list.stdout,
    /^NAME\s+\tVERSION\tDESCRIPTION\s*\nenvdump\t0\.3\.1\s*\tprints what helm gives a plugin\s*\n$/,
  )

  const help = await ok(dir, ['help'])
  assert.match(help.stdout, /\n {2}envdump\s+print the environment\n/)
  const completion = await ok(dir, ['completion', 'bash'])
  assert.match(completion.stdout, /\benvdump\b/)

  // stdin attached: the plugin reads what helm is given
  const r = spawnSync(
    process.execPath,
    [
      join(projectRoot, 'bin', 'helm'),
      'envdump',
      'a',
      '--debug',
      '--tiller-namespace',
      'tns',
      'b c',
      '--kubeconfig',
      'k',
      '--host=127.0.0.1:1',
    ],
    {
      cwd: dir,
      env: { ...process.env, ...envOf(dir), READ_STDIN: '1', HELM_PLUGIN: join(dir, 'nowhere') },
      input: 'piped in\n',
      encoding: 'utf8',
      timeout: 60_000,
    },
  )
  const code = r.status
  assert.is(code, 0, r.stderr)
  const vars = Object.fromEntries(
    r.stdout
      .trim()
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  )
  const h = home(dir)
  assert.equal(vars, {
    HELM_PLUGIN_NAME: 'envdump',
    HELM_PLUGIN_DIR: join(h, 'plugins', 'envdump'),
    HELM_BIN: join(projectRoot, 'bin', 'helm'),
    HELM_HOME: h,
    HELM_PATH_REPOSITORY: join(h, 'repository'),
    HELM_PATH_REPOSITORY_FILE: join(h, 'repository', 'repositories.yaml'),
    HELM_PATH_CACHE: join(h, 'repository', 'cache'),
    HELM_PATH_LOCAL_REPOSITORY: join(h, 'repository', 'local'),
    HELM_PATH_STARTER: join(h, 'starters'),
    TILLER_HOST: '127.0.0.1:1',
    TILLER_NAMESPACE: 'tns',
    HELM_PLUGIN: `${join(dir, 'nowhere')}:${join(h, 'plugins')}`,
    HELM_DEBUG: '1',
    // no shell: "b c" stays one argument; helm's global flags are taken out, --kubeconfig is the plugin's
    ARGS: '--from-yaml a b c --kubeconfig k',
    STDIN: 'piped in',
  })
  assert.is(r.stderr, 'oops\n')

  // the plugin's exit status is helm's, with one error line
  const failed = await helm(dir, ['envdump'], { EXIT_WITH: '7' })
  assert.is(failed.code, 7)
  assert.is(failed.stderr, 'oops\nError: plugin "envdump" exited with error\n')

  // HELM_NO_PLUGINS=1: no plugin command
  const off = await helm(dir, ['envdump'], { HELM_NO_PLUGINS: '1' })
  assert.is(off.code, 1)
  assert.match(off.stderr, /^Error: unknown command "envdump" for "helm"/)

  const removed = await ok(dir, ['plugin', 'remove', 'envdump'])
  assert.is(removed.stdout, 'Removed plugin: envdump\n')
  assert.is(readFileSync(join(home(dir), 'delete.log'), 'utf8'), 'deleted envdump\n')
  assert.not.ok(existsSync(join(home(dir), 'plugins', 'envdump')))
  assert.ok(existsSync(join(src, 'plugin.yaml')), 'the source folder stays')
  const again = await helm(dir, ['plugin', 'remove', 'envdump'])
  assert.is(again.code, 1)
  assert.is(again.stderr, 'Error: Plugin: envdump not found\n')
})

s('should find plugins in $HELM_PLUGIN folders too', async () => {
  const dir = scratch('plugin-path')
  writePlugin(join(dir, 'extra', 'hi'), { 'plugin.yaml': 'name: hi\ncommand: echo hi from $HELM_PLUGIN_NAME\n' })
  const r = await ok(dir, ['hi', 'there'], { HELM_PLUGIN: join(dir, 'extra') })
  assert.is(r.stdout, 'hi from hi there\n')
  assert.match((await ok(dir, ['plugin', 'list'], { HELM_PLUGIN: join(dir, 'extra') })).stdout, /\nhi\s/)
})

s('should install a git plugin from a local bare repository, choose a tag with --version and update it', async () => {
  const dir = scratch('plugin-git')
  const work = join(dir, 'work')
  mkdirSync(work)
  git(work, 'init', '-q', '-b', 'main')
  const version = (v: string) => {
    writePlugin(work, {
      'plugin.yaml': [
        'name: gitplug',
        `version: ${v}`,
        `description: version ${v}`,
        'command: "$HELM_PLUGIN_DIR/run.sh"',
        'hooks:',
        '  install: "echo install hook $HELM_PLUGIN_NAME"',
        '  update: "echo update hook $HELM_PLUGIN_NAME"',
        '',
      ].join('\n'),
      'run.sh': `#!/bin/sh\necho gitplug ${v} "$@"\n`,
    })
    git(work, 'add', '-A')
    git(work, 'commit', '-q', '-m', v)
  }
  version('0.1.0')
  git(work, 'tag', 'v0.1.0')
  version('0.2.0')
  git(work, 'tag', 'v0.2.0')
  version('1.0.0')
  git(work, 'tag', 'v1.0.0')
  const bare = join(dir, 'gitplug.git')
  git(dir, 'clone', '-q', '--bare', work, bare)
  const url = `file://${bare}`

  const r = await ok(dir, ['plugin', 'install', url, '--version', '^0.1'])
  assert.is(r.stdout, 'install hook gitplug\nInstalled plugin: gitplug\n')
  assert.is((await ok(dir, ['gitplug', 'x'])).stdout, 'gitplug 0.1.0 x\n')
  assert.match((await ok(dir, ['plugin', 'list'])).stdout, /\ngitplug\t0\.1\.0\s*\tversion 0\.1\.0/)
  assert.ok(readlinkSync(join(home(dir), 'plugins', 'gitplug')).startsWith(join(home(dir), 'cache', 'plugins')))
  // a tag checkout stays on its tag
  assert.is((await ok(dir, ['plugin', 'update', 'gitplug'])).stdout, 'update hook gitplug\nUpdated plugin: gitplug\n')
  assert.is((await ok(dir, ['gitplug'])).stdout, 'gitplug 0.1.0\n')
  await ok(dir, ['plugin', 'remove', 'gitplug'])
  assert.equal(readdirSync(join(home(dir), 'cache', 'plugins')), [])

  // a version no tag satisfies: nothing left behind
  const before = tree(home(dir))
  const none = await helm(dir, ['plugin', 'install', url, '--version', '>=5'])
  assert.is(none.code, 1)
  assert.is(none.stderr, `Error: requested version ">=5" does not exist for plugin "${url}"\n`)
  assert.equal(tree(home(dir)), before)

  // the default branch, then a new commit pulled by update
  await ok(dir, ['plugin', 'install', url])
  assert.is((await ok(dir, ['gitplug'])).stdout, 'gitplug 1.0.0\n')
  version('1.1.0')
  git(work, 'push', '-q', bare, 'main')
  await ok(dir, ['plugin', 'update', 'gitplug'])
  assert.is((await ok(dir, ['gitplug'])).stdout, 'gitplug 1.1.0\n')
  // local edits: v2 refuses to update
  writeFileSync(join(home(dir), 'plugins', 'gitplug', 'run.sh'), '#!/bin/sh\necho edited\n')
  const dirty = await helm(dir, ['plugin', 'update', 'gitplug'])
  assert.is(dirty.code, 1)
  assert.is(dirty.stderr, 'Error: Failed to update plugin gitplug, got error (plugin repo was modified)\n')
})

s('should install tarball plugins over loopback HTTP and HTTPS, and refuse updates and hostile archives', async () => {
  const dir = scratch('plugin-tarball')
  const served = join(dir, 'served')
  mkdirSync(served)
  const src = writePlugin(join(dir, 'helm-tarp'), {
    'plugin.yaml': 'name: tarp\nversion: 1.2.3\ndescription: from a tarball\ncommand: "$HELM_PLUGIN_DIR/bin/tarp"\n',
    'bin/tarp': '#!/bin/sh\necho tarp "$@"\n',
  })
  execFileSync('tar', ['czf', join(served, 'helm-tarp-1.2.3.tgz'), '-C', dir, 'helm-tarp'])
  execFileSync('tar', ['czf', join(served, 'flat.tar.gz'), '-C', src, '.'])
  const y = 'name: evil\ncommand: echo\n'
  writeFileSync(
    join(served, 'evil-1.0.tgz'),
    tgz(rawEntry('plugin.yaml', '0', y), rawEntry('../../../escape', '0', 'x')),
  )
  writeFileSync(join(served, 'link-1.0.tgz'), tgz(rawEntry('plugin.yaml', '0', y), rawEntry('bin', '2', '', '/etc')))
  writeFileSync(join(served, 'noyaml-1.0.tgz'), tgz(rawEntry('README', '0', 'hi')))
  writeFileSync(join(served, 'badyaml-1.0.tgz'), tgz(rawEntry('plugin.yaml', '0', 'name: [x\n')))
  const certs = makeCerts(join(dir, 'certs'))
  let http: Server | undefined
  let https: Server | undefined
  try {
    http = createHttp(serveFiles(served))
    https = createHttps(
      { cert: readFileSync(join(certs, 'tiller', 'tls.crt')), key: readFileSync(join(certs, 'tiller', 'tls.key')) },
      serveFiles(served),
    )
    const base = `http://127.0.0.1:${await listen(http)}`
    const secure = `https://127.0.0.1:${await listen(https)}`

    assert.is((await ok(dir, ['plugin', 'install', `${base}/helm-tarp-1.2.3.tgz`])).stdout, 'Installed plugin: tarp\n')
    assert.is((await ok(dir, ['tarp', 'a'])).stdout, 'tarp a\n')
    assert.match((await ok(dir, ['plugin', 'list'])).stdout, /\ntarp\t1\.2\.3\s*\tfrom a tarball/)
    const update = await helm(dir, ['plugin', 'update', 'tarp'])
    assert.is(update.code, 1)
    assert.match(
      update.stderr,
      /^Error: Failed to update plugin tarp, got error \(cannot get information about plugin source: .*archive.*\)\n$/,
    )
    await ok(dir, ['plugin', 'remove', 'tarp'])
    assert.equal(tree(home(dir)), ['/cache/', '/cache/plugins/', '/plugins/'])

    // https with the server's CA trusted; a flat archive (plugin.yaml at its top)
    const viaTls = await ok(dir, ['plugin', 'install', `${secure}/flat.tar.gz`], {
      NODE_EXTRA_CA_CERTS: join(certs, 'ca.crt'),
    })
    assert.is(viaTls.stdout, 'Installed plugin: tarp\n')
    assert.is((await ok(dir, ['tarp', 'b'])).stdout, 'tarp b\n')
    const twice = await helm(dir, ['plugin', 'install', `${base}/helm-tarp-1.2.3.tgz`])
    assert.is(twice.code, 1)
    assert.match(twice.stderr, /^Error: plugin already exists/)
    await ok(dir, ['plugin', 'remove', 'tarp'])

    // hostile and broken archives: one error line, $HELM_HOME as it was
    const before = tree(home(dir))
    for (const [name, pattern] of [
      ['evil-1.0.tgz', /^Error: .*"\.\.\/\.\.\/\.\.\/escape".*parent directory\n$/],
      ['link-1.0.tgz', /^Error: .*"bin".*\n$/],
      ['noyaml-1.0.tgz', /^Error: plugin metadata \(plugin.yaml\) missing in .*noyaml-1\.0\.tgz\n$/],
      ['badyaml-1.0.tgz', /^Error: failed to load plugin at .*plugin.yaml": yaml: line \d+.*\n$/],
      ['missing-1.0.tgz', /^Error: .*404.*\n$/],
    ] as const) {
      const r = await helm(dir, ['plugin', 'install', `${base}/${name}`])
      assert.is(r.code, 1, name)
      assert.match(r.stderr, pattern, name)
      assert.equal(tree(home(dir)), before, name)
    }
    assert.not.ok(existsSync(join(dir, 'escape')))
  } finally {
    await close(http)
    await close(https)
  }
})

s('should refuse bad plugins with one error line and leave $HELM_HOME as it was', async () => {
  const dir = scratch('plugin-bad')
  const good = writePlugin(join(dir, 'src', 'good'), { 'plugin.yaml': 'name: good\ncommand: "true"\n' })
  await ok(dir, ['plugin', 'install', good])
  const before = tree(home(dir))
  const cases: ReadonlyArray<readonly [string, Record<string, string>, RegExp]> = [
    [
      'clash',
      { 'plugin.yaml': 'name: install\ncommand: "true"\n' },
      /^Error: plugin name "install" .* is the name of a helm command/,
    ],
    ['badname', { 'plugin.yaml': 'name: "a/b"\ncommand: "true"\n' }, /^Error: invalid plugin name "a\/b"/],
    [
      'badyaml',
      { 'plugin.yaml': 'name: x\n  command: [\n' },
      /^Error: failed to load plugin at ".*badyaml\/plugin.yaml": yaml: line/,
    ],
    ['dupkey', { 'plugin.yaml': 'name: x\nname: y\n' }, /already set in map/],
    ['nometa', { 'README.md': 'hi' }, /^Error: plugin metadata \(plugin.yaml\) missing in/],
    ['taken', { 'plugin.yaml': 'name: good\ncommand: "true"\n' }, /^Error: plugin already exists: "good"/],
    [
      'hookfails',
      { 'plugin.yaml': 'name: hookfails\ncommand: "true"\nhooks:\n  install: "exit 3"\n' },
      /^Error: plugin install hook for "hookfails" exited with error/,
    ],
  ]
  for (const [name, files, pattern] of cases) {
    const src = writePlugin(join(dir, 'src', name), files)
    const r = await helm(dir, ['plugin', 'install', src])
    assert.is(r.code, 1, name)
    assert.match(r.stderr, pattern, `${name}: ${r.stderr}`)
    assert.is(r.stderr.trim().split('\n').length, 1, `${name}: ${r.stderr}`)
    assert.equal(tree(home(dir)), before, name)
  }
  const unknown = await helm(dir, ['plugin', 'install', 'no/such/place'])
  assert.is(unknown.code, 1)
  assert.match(unknown.stderr, /^Error: cannot install plugin from "no\/such\/place"/)

  // installed plugins whose command is missing or fails
  writePlugin(join(dir, 'extra', 'nocmd'), { 'plugin.yaml': 'name: nocmd\ncommand: "$HELM_PLUGIN_DIR/missing.sh"\n' })
  writePlugin(join(dir, 'extra', 'empty'), { 'plugin.yaml': 'name: empty\n' })
  const extra = { HELM_PLUGIN: join(dir, 'extra') }
  const missing = await helm(dir, ['nocmd'], extra)
  assert.is(missing.code, 1)
  assert.is(
    missing.stderr,
    `Error: fork/exec ${join(dir, 'extra', 'nocmd', 'missing.sh')}: no such file or directory\n`,
  )
  const empty = await helm(dir, ['empty'], extra)
  assert.is(empty.code, 1)
  assert.match(empty.stderr, /^Error: plugin "empty" has no command for linux\/\w+\n$/)
  // a broken plugin.yaml among the plugins: a warning, helm and the other plugins go on
  writePlugin(join(dir, 'extra', 'broken'), { 'plugin.yaml': 'name: [\n' })
  const still = await helm(dir, ['good'], extra)
  assert.is(still.code, 0, still.stderr)
  assert.match(still.stderr, /^WARNING: plugin in .*broken not loaded: failed to load plugin/)
})

s('should run a shell-script plugin written as public v2 plugins are (calling back into $HELM_BIN)', async () => {
  const dir = scratch('plugin-shell')
  const src = writePlugin(join(dir, 'src', 'release-kit'), {
    'plugin.yaml': [
      'name: "release-kit"',
      'version: "0.1.0"',
      'usage: "package a chart and index it"',
      'description: |-',
      '  Packages a chart into a local repository folder and indexes it.',
      'ignoreFlags: false',
      'useTunnel: false',
      'command: "$HELM_PLUGIN_DIR/release-kit.sh"',
      '',
    ].join('\n'),
    'release-kit.sh': [
      '#!/usr/bin/env bash',
      'set -euo pipefail',
      '# as helm-push, helm-s3 and helm-diff do: helm is $HELM_BIN, else "helm" on the PATH',
      'HELM="${HELM_BIN:-helm}"',
      'chart="$1"; out="$2"; url="$3"',
      'echo "client: $("$HELM" version -c --short)"',
      'mkdir -p "$out"',
      '"$HELM" package "$chart" -d "$out" >/dev/null',
      '"$HELM" repo index "$out" --url "$url"',
      '"$HELM" repo add kit "$url" >/dev/null',
      '"$HELM" fetch kit/demo --version 0.4.0 --untar --untardir "$out/unpacked"',
      'echo "indexed: $(grep -c "version:" "$out/index.yaml") chart(s), unpacked: $(ls "$out/unpacked")"',
      'echo "home: $HELM_HOME"',
      '',
    ].join('\n'),
  })
  const chart = join(dir, 'demo')
  mkdirSync(join(chart, 'templates'), { recursive: true })
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v1\nname: demo\nversion: 0.4.0\n')
  writeFileSync(join(chart, 'values.yaml'), 'x: 1\n')
  await ok(dir, ['plugin', 'install', src])
  const out = join(dir, 'out')
  const server = createHttp(serveFiles(out))
  try {
    const url = `http://127.0.0.1:${await listen(server)}/`
    const r = await ok(dir, ['release-kit', chart, out, url])
    assert.match(r.stdout, /^client: Client: v2\.17\.0\+g[0-9a-f]+\n/)
    assert.match(r.stdout, /\nindexed: 1 chart\(s\), unpacked: demo\n/)
    assert.match(r.stdout, new RegExp(`\\nhome: ${home(dir)}\\n$`))
    assert.ok(readFileSync(join(out, 'index.yaml'), 'utf8').includes(`${url}demo-0.4.0.tgz`))
    assert.ok(existsSync(join(out, 'unpacked', 'demo', 'Chart.yaml')))
  } finally {
    await close(server)
  }
})

s.run()

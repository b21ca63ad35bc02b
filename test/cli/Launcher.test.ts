// bin/helm's code cache (dist/cache/COMMAND-KEY.v8): every way the cache can be missing, stale, rejected, keyed by
// other V8 flags or unwritable gives the same output as a run without it, and a fresh cache is written where one
// can be. Each test runs a private copy of bin/helm and dist/helm.cjs, so the suites sharing dist/ are untouched.
import { execFile } from 'node:child_process'
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Script } from 'node:vm'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'

const root = resolve(import.meta.dirname, '../..')
const scratch = mkdtempSync(join(tmpdir(), 'launcher-'))

const chart = join(scratch, 'chart')
mkdirSync(join(chart, 'templates'), { recursive: true })
writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v1\nname: demo\nversion: 0.1.0\n')
writeFileSync(join(chart, 'values.yaml'), 'greeting: hello\nreplicas: 2\n')
writeFileSync(
  join(chart, 'templates', 'cm.yaml'),
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  greeting: {{ .Values.greeting | upper | quote }}\n  replicas: {{ .Values.replicas | quote }}\n',
)
const expected =
  '---\n# Source: demo/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x-cm\ndata:\n  greeting: "HELLO"\n  replicas: "2"\n'

let copies = 0
/** A private installation: bin/helm, bin/package.json and dist/helm.cjs copied into a folder of its own. */
const install = (): string => {
  const dir = join(scratch, `install-${copies++}`)
  mkdirSync(join(dir, 'bin'), { recursive: true })
  mkdirSync(join(dir, 'dist'), { recursive: true })
  for (const f of ['bin/helm', 'bin/package.json', 'dist/helm.cjs']) copyFileSync(join(root, f), join(dir, f))
  return dir
}

const helm = (dir: string, args: string[], env: Record<string, string> = {}) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
    execFile(
      process.execPath,
      [join(dir, 'bin/helm'), ...args],
      {
        env: { ...process.env, NODE_OPTIONS: '', HOME: scratch, HELM_HOME: join(scratch, '.helm'), ...env },
        maxBuffer: 16 << 20,
      },
      (err, stdout, stderr) => done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  )

/** `helm template x CHART` gives the expected manifest, exit 0 and nothing on stderr. */
const rendersRight = async (dir: string, env: Record<string, string> = {}): Promise<void> => {
  const r = await helm(dir, ['template', 'x', chart], env)
  assert.is(r.stderr, '')
  assert.is(r.code, 0)
  assert.is(r.stdout, expected)
}

/**
 * Two private installations, one with only dist/helm.cjs and one with `bundle` beside it, and a HELM_HOME with a
 * working plugin and a broken one: the same command run on both must answer alike.
 */
const bundlePair = (bundle: string) => {
  const whole = install()
  const alone = install()
  copyFileSync(join(root, 'dist', bundle), join(alone, 'dist', bundle))
  const home = join(scratch, `home-${copies}`)
  mkdirSync(join(home, 'plugins', 'hello'), { recursive: true })
  writeFileSync(join(home, 'plugins', 'hello', 'plugin.yaml'), 'name: hello\nusage: says hello\ncommand: echo hello\n')
  mkdirSync(join(home, 'plugins', 'broken'), { recursive: true })
  writeFileSync(join(home, 'plugins', 'broken', 'plugin.yaml'), 'name: [unclosed\n')
  return { whole, alone, home }
}

const caches = (dir: string): string[] => {
  try {
    return readdirSync(join(dir, 'dist/cache')).sort()
  } catch {
    return []
  }
}

const launcher = suite('bin/helm code cache')

launcher('should render right without a cache and write one for the next run', async () => {
  const dir = install()
  assert.equal(caches(dir), [])
  await rendersRight(dir)
  const written = caches(dir)
  assert.is(written.length, 1)
  assert.match(written[0]!, new RegExp(`^template-${process.version}-${process.arch}-.*\\.v8$`))
  const file = join(dir, 'dist/cache', written[0]!)
  const mtime = statSync(file).mtimeMs
  // the second run reads it; V8 accepts it, so it is not written again
  await rendersRight(dir)
  assert.equal(caches(dir), written)
  assert.is(statSync(file).mtimeMs, mtime)
})

launcher('should render right and write a new cache when the cache was deleted', async () => {
  const dir = install()
  await rendersRight(dir)
  rmSync(join(dir, 'dist/cache'), { recursive: true })
  await rendersRight(dir)
  assert.is(caches(dir).length, 1)
})

launcher('should render right when V8 rejects the cache, and replace it', async () => {
  const dir = install()
  await rendersRight(dir)
  const [name] = caches(dir)
  const file = join(dir, 'dist/cache', name!)
  // garbage of the same length, then a truncated cache: both are refused by V8's checks
  const size = statSync(file).size
  writeFileSync(file, Buffer.alloc(size, 0x5a))
  await rendersRight(dir)
  assert.ok(!readFileSync(file).equals(Buffer.alloc(size, 0x5a)), 'the rejected cache is written anew')
  writeFileSync(file, readFileSync(file).subarray(0, 1000))
  await rendersRight(dir)
  assert.ok(statSync(file).size > 1000, 'the truncated cache is written anew')
})

launcher('should use another cache when the bundle changed (stale key), never the old one', async () => {
  const dir = install()
  await rendersRight(dir)
  const before = caches(dir)
  // a rebuilt bundle whose output differs: the old cache must not run in its place
  const bundle = join(dir, 'dist/helm.cjs')
  writeFileSync(bundle, readFileSync(bundle, 'utf8').replaceAll('# Source: ${', '# Origin: ${'))
  utimesSync(bundle, new Date(), new Date(Date.now() + 5000))
  const r = await helm(dir, ['template', 'x', chart])
  assert.is(r.code, 0)
  assert.is(r.stdout, expected.replace('# Source: ', '# Origin: '))
  const after = caches(dir)
  assert.is(after.length, 2)
  assert.ok(after.some((f) => !before.includes(f)))
})

launcher('should keep a cache per V8 flags: NODE_OPTIONS with a heap size, node flags', async () => {
  const dir = install()
  await rendersRight(dir)
  await rendersRight(dir, { NODE_OPTIONS: '--max-old-space-size=4096' })
  await rendersRight(dir, { NODE_OPTIONS: '--max-old-space-size=4096' })
  assert.is(caches(dir).length, 2)
  const r = await new Promise<{ code: number; stdout: string }>((done) =>
    execFile(
      process.execPath,
      ['--max-semi-space-size=8', '--stack-size=2000', join(dir, 'bin/helm'), 'template', 'x', chart],
      { env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=1024' } },
      (err, stdout) => done({ code: err ? 1 : 0, stdout }),
    ),
  )
  assert.is(r.code, 0)
  assert.is(r.stdout, expected)
  assert.is(caches(dir).length, 3)
})

launcher('should run without a cache when dist/ cannot hold one, or when it is switched off', async () => {
  const dir = install()
  // a file where the cache folder would be: nothing can be written there
  writeFileSync(join(dir, 'dist/cache'), 'not a folder')
  await rendersRight(dir)
  await rendersRight(dir)
  const off = install()
  await rendersRight(off, { WHEELHOUSE_CODE_CACHE: 'off' })
  assert.equal(caches(off), [])
})

launcher('should tune V8 for one run unless switched off or given, each tuning with a cache of its own', async () => {
  const dir = install()
  await rendersRight(dir)
  const [tuned] = caches(dir)
  const mtime = statSync(join(dir, 'dist/cache', tuned!)).mtimeMs
  // V8's defaults: the same output, from a cache of another key (V8 refuses a cache made under other flags)
  await rendersRight(dir, { WHEELHOUSE_V8_TUNING: 'off' })
  assert.is(caches(dir).length, 2)
  // the tuned run's cache was accepted as it was: the flags are set before the bundle is compiled, every run alike
  await rendersRight(dir)
  assert.is(caches(dir).length, 2)
  assert.is(statSync(join(dir, 'dist/cache', tuned!)).mtimeMs, mtime)
  // a tiering flag given to node wins over the launcher's
  const given = await new Promise<{ code: number; stdout: string }>((done) =>
    execFile(
      process.execPath,
      ['--interrupt-budget=100000', join(dir, 'bin/helm'), 'template', 'x', chart],
      { env: { ...process.env, NODE_OPTIONS: '', HOME: scratch, HELM_HOME: join(scratch, '.helm') } },
      (err, stdout) => done({ code: err ? 1 : 0, stdout }),
    ),
  )
  assert.is(given.code, 0)
  assert.is(given.stdout, expected)
  assert.is(caches(dir).length, 3)
})

launcher('should answer other commands and errors alike through the cache', async () => {
  const dir = install()
  for (let i = 0; i < 2; i++) {
    const v = await helm(dir, ['version', '-c', '--short'])
    assert.is(v.code, 0)
    assert.match(v.stdout, /^Client: v2\.17\.0/)
    const bad = await helm(dir, ['template', 'x', join(scratch, 'missing')])
    assert.is(bad.code, 1)
    assert.is(bad.stdout, '')
    assert.match(bad.stderr, /^Error: /)
    assert.not.match(bad.stderr, /\n {4}at /)
  }
})

launcher('should keep a cache per hot command, the others sharing one', async () => {
  const dir = install()
  await rendersRight(dir)
  assert.is((await helm(dir, ['version', '-c'])).code, 0)
  assert.is((await helm(dir, ['create', join(scratch, `created-${copies}`)])).code, 0)
  assert.is((await helm(dir, ['--debug', 'template', 'x', chart])).code, 0)
  assert.equal(
    caches(dir).map((f) => f.split('-')[0]),
    ['helm', 'template', 'version'],
  )
})

launcher('should say the bundle is missing in one line when dist/ was not built', async () => {
  const dir = install()
  rmSync(join(dir, 'dist'), { recursive: true })
  const r = await helm(dir, ['version', '-c'])
  assert.is(r.code, 1)
  assert.is(r.stderr, 'Error: wheelhouse is not built; run `npm install` (or `npm run build`) first\n')
})

launcher('should warm the cache the way npm install does (scripts/build.mjs --warm)', async () => {
  const dir = install()
  const warm = join(scratch, `warm-${copies}`)
  cpSync(chart, join(warm, 'x'), { recursive: true })
  const r = await helm(dir, [], { WHEELHOUSE_CODE_CACHE_WARM: warm })
  assert.is(r.code, 0, r.stderr)
  assert.is(r.stdout, '')
  assert.is(caches(dir).length, 1)
  await rendersRight(dir)
  assert.is(caches(dir).length, 1)
})

launcher('should print `version -c` from the build without loading the bundle, as the bundle prints it', async () => {
  const dir = install()
  copyFileSync(join(root, 'dist/version-client.txt'), join(dir, 'dist/version-client.txt'))
  // --short=false changes nothing in the output but takes the bundle's path
  const bundled = await helm(dir, ['version', '-c', '--short=false'])
  assert.is(bundled.code, 0)
  assert.match(bundled.stdout, /^Client: &version\.Version\{SemVer:"v2\.17\.0", /)
  rmSync(join(dir, 'dist/helm.cjs'))
  for (const flag of ['-c', '--client']) {
    const r = await helm(dir, ['version', flag])
    assert.is(r.code, 0)
    assert.is(r.stderr, '')
    assert.is(r.stdout, bundled.stdout)
  }
  // anything else runs the bundle (here missing: the one-line error says which path ran)
  for (const args of [['version', '-c', '--short'], ['version'], ['--debug', 'version', '-c']]) {
    const r = await helm(dir, args)
    assert.is(r.code, 1)
    assert.match(r.stderr, /^Error: wheelhouse is not built/)
  }
})

launcher('should run the bundle for `version -c` when plugins could load (their warnings are part of it)', async () => {
  const dir = install()
  copyFileSync(join(root, 'dist/version-client.txt'), join(dir, 'dist/version-client.txt'))
  const home = join(scratch, `home-${copies}`)
  mkdirSync(join(home, 'plugins', 'broken'), { recursive: true })
  writeFileSync(join(home, 'plugins', 'broken', 'plugin.yaml'), 'name: [unclosed\n')
  const r = await helm(dir, ['version', '-c'], { HELM_HOME: home })
  const bundled = await helm(dir, ['version', '-c', '--short=false'], { HELM_HOME: home })
  assert.is(r.code, 0)
  assert.match(r.stderr, /plugin/)
  assert.is(r.stderr, bundled.stderr)
  assert.is(r.stdout, bundled.stdout)
  // plugins off: the build's text again
  const off = await helm(dir, ['version', '-c'], { HELM_HOME: home, HELM_NO_PLUGINS: '1' })
  assert.is(off.stderr, '')
  assert.is(off.stdout, bundled.stdout)
  rmSync(join(dir, 'dist/helm.cjs'))
  const viaEnv = await helm(dir, ['version', '-c'], { HELM_PLUGIN: join(scratch, 'elsewhere') })
  assert.match(viaEnv.stderr, /^Error: wheelhouse is not built/)
})

launcher('should hold the bundle as one strict-mode CommonJS module wrapper, as esbuild meant it', () => {
  const source = readFileSync(join(root, 'dist/helm.cjs'), 'utf8')
  // a directive counts only as the first statement of the function: then the whole bundle is strict, as ESM was
  assert.ok(source.startsWith("(function (exports, require, module, __filename, __dirname) { 'use strict';"))
  const wrapper = new Script(source, { filename: 'helm.cjs' }).runInThisContext() as (...a: unknown[]) => void
  assert.is(typeof wrapper, 'function')
  assert.is(wrapper.length, 5)
})

launcher('should run `helm template` from the template bundle, and from helm.cjs when there is none', async () => {
  const dir = install()
  copyFileSync(join(root, 'dist/helm-template.cjs'), join(dir, 'dist/helm-template.cjs'))
  const size = (f: string) => statSync(join(dir, 'dist', f)).size
  await rendersRight(dir)
  // the cache's key names the bundle that ran (its size)
  assert.equal(
    caches(dir).map((f) => f.split('-')[3]),
    [String(size('helm-template.cjs'))],
  )
  // only a first argument `template` runs it: a flag first goes through the whole bundle
  assert.is((await helm(dir, ['--debug', 'template', 'x', chart])).stdout, expected)
  assert.equal(
    caches(dir)
      .map((f) => f.split('-')[3])
      .sort(),
    [size('helm.cjs'), size('helm-template.cjs')].map(String).sort(),
  )
  rmSync(join(dir, 'dist/cache'), { recursive: true })
  rmSync(join(dir, 'dist/helm-template.cjs'))
  await rendersRight(dir)
  assert.equal(
    caches(dir).map((f) => f.split('-')[3]),
    [String(size('helm.cjs'))],
  )
})

launcher(
  'should answer help, errors, values and plugins from the template bundle as from the whole bundle',
  async () => {
    const { whole, alone, home } = bundlePair('helm-template.cjs')
    for (const args of [
      ['template', '--help'],
      ['template'],
      ['template', 'x', chart, '--bogus'],
      ['template', 'x', chart, '--set', 'greeting=hi', '--namespace', 'ns', '--notes'],
      ['template', 'x', join(scratch, 'missing')],
      ['template', 'x', chart, '-x', 'templates/cm.yaml'],
    ])
      for (const env of [{}, { HELM_HOME: home }]) {
        const a = await helm(whole, args, env)
        const b = await helm(alone, args, env)
        assert.equal(b, a, args.join(' '))
      }
  },
)

/** A run's answer with its clock readings (a dry run's RELEASED line, JSON timestamps) replaced. */
const timeless = (r: { code: number; stdout: string; stderr: string }) => ({
  ...r,
  stdout: r.stdout
    .replace(/^(RELEASED|LAST DEPLOYED):.*$/gm, '$1: <time>')
    .replace(/"(seconds|nanos)":\s*"?\d+"?/g, '"$1":0'),
})

launcher('should run the release commands from the release bundle, and from helm.cjs when there is none', async () => {
  const dir = install()
  copyFileSync(join(root, 'dist/helm-release.cjs'), join(dir, 'dist/helm-release.cjs'))
  const size = (f: string) => statSync(join(dir, 'dist', f)).size
  const dryRun = ['install', '--dry-run', '--debug', '--name', 'x', chart]
  const first = await helm(dir, dryRun)
  assert.is(first.code, 0, first.stderr)
  assert.match(first.stdout, /greeting: "HELLO"/)
  // the cache's key names the bundle that ran (its size), under the command's name
  assert.equal(
    caches(dir),
    caches(dir).filter((f) => f.startsWith('install-')),
  )
  assert.equal(
    caches(dir).map((f) => f.split('-')[3]),
    [String(size('helm-release.cjs'))],
  )
  // every release command and alias, the first argument, runs it; a flag first runs the whole bundle
  for (const word of [
    'upgrade',
    'status',
    'list',
    'ls',
    'delete',
    'del',
    'rollback',
    'history',
    'hist',
    'get',
    'version',
    'test',
  ]) {
    rmSync(join(dir, 'dist/cache'), { recursive: true, force: true })
    assert.is((await helm(dir, [word, '--help'])).code, 0, word)
    assert.equal(
      caches(dir).map((f) => f.split('-')[3]),
      [String(size('helm-release.cjs'))],
      word,
    )
  }
  rmSync(join(dir, 'dist/cache'), { recursive: true, force: true })
  assert.is((await helm(dir, ['--debug', 'status', '--help'])).code, 0)
  assert.equal(
    caches(dir).map((f) => f.split('-')[3]),
    [String(size('helm.cjs'))],
  )
  rmSync(join(dir, 'dist/cache'), { recursive: true, force: true })
  rmSync(join(dir, 'dist/helm-release.cjs'))
  assert.equal(timeless(await helm(dir, dryRun)), timeless(first))
  assert.equal(
    caches(dir).map((f) => f.split('-')[3]),
    [String(size('helm.cjs'))],
  )
})

launcher(
  'should answer help, errors, dry runs and plugins from the release bundle as from the whole bundle',
  async () => {
    const { whole, alone, home } = bundlePair('helm-release.cjs')
    for (const args of [
      ['install', '--help'],
      ['install'],
      ['install', chart, '--bogus'],
      ['install', '--dry-run', '--debug', '--name', 'x', chart, '--set', 'greeting=hi', '--namespace', 'ns'],
      ['install', '--dry-run', '--name', 'x', chart, '-o', 'json'],
      ['install', '--dry-run', join(scratch, 'missing')],
      ['install', '--dry-run', '--name', 'x', chart, '-o', 'xml'],
      ['upgrade', '--help'],
      ['upgrade', 'x'],
      ['upgrade', '--dry-run', 'x', chart, '--bogus'],
      ['status'],
      ['list', '--help'],
      ['ls', '--bogus'],
      ['delete'],
      ['del', '--help'],
      ['rollback', 'x'],
      ['history'],
      ['hist', '--help'],
      ['get'],
      ['get', 'values', '--help'],
      ['get', 'manifest'],
      ['get', 'hooks', '--bogus'],
      ['get', 'notes', '--help'],
      ['get', 'nothing-such'],
      ['version', '--help'],
      ['version', '--bogus'],
      ['version', '-c', '--short'],
      ['version', '--client', '--template', '{{ .Client.SemVer }}'],
      ['version', '-c', '--template', '{{ .Client.Nope }'],
      ['test', '--help'],
      ['test'],
    ])
      for (const env of [{}, { HELM_HOME: home }]) {
        const a = timeless(await helm(whole, args, env))
        const b = timeless(await helm(alone, args, env))
        assert.equal(b, a, args.join(' '))
      }
  },
)

launcher(
  'should run template with its tuning, the release and other commands with V8 flags as node sets them',
  async () => {
    const dir = install()
    copyFileSync(join(root, 'dist/helm-release.cjs'), join(dir, 'dist/helm-release.cjs'))
    // the last part of a cache's name hashes the V8 flags the run set (bin/helm's cacheFile)
    const flagsOf = (command: string) =>
      caches(dir)
        .filter((f) => f.startsWith(`${command}-`))
        .map((f) => f.replace(/\.v8$/, '').split('-').pop())
    await rendersRight(dir, { WHEELHOUSE_V8_TUNING: 'off' })
    const untuned = flagsOf('template')
    rmSync(join(dir, 'dist/cache'), { recursive: true })
    await rendersRight(dir)
    assert.equal(flagsOf('status'), [])
    assert.is((await helm(dir, ['status', '--help'])).code, 0)
    assert.equal(flagsOf('status'), untuned)
    assert.not.equal(flagsOf('template'), untuned)
    // a command of helm.cjs (its cache shared by the commands without one of their own)
    assert.is((await helm(dir, ['completion', 'bash'])).code, 0)
    assert.equal(flagsOf('helm'), untuned)
    // lint renders the chart in process: tuned as template
    assert.is((await helm(dir, ['lint', chart])).code, 0)
    assert.equal(flagsOf('lint'), flagsOf('template'))
  },
)

launcher.after(() => rmSync(scratch, { recursive: true, force: true }))
launcher.run()

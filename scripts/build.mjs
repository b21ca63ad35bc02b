// Bundles the entry points with esbuild. `tsc --noEmit` does the type checking.
// - helm: one CommonJS file, dist/helm.cjs, that bin/helm runs through a V8 code cache (no module graph to resolve,
//   link and compile on every start: the client's start-up is most of a `helm template`), and
//   dist/helm-template.cjs, the same without the other commands, for `helm template`.
// - tiller, kube-sandbox, the library and Tiller's render worker: ESM with code splitting, so that heavy modules
//   such as @kubernetes/client-node load lazily through dynamic import().
// `--warm` (npm's prepare) then runs bin/helm once on its hot commands so that its code cache is ready.
import { build } from 'esbuild'
import protobuf from 'protobufjs'
import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

// The commit and tree state `helm version` and Tiller's GetVersion report (Helm v2's Makefile stamps them the
// same way): from git when this is a checkout, else from WHEELHOUSE_GIT_COMMIT / WHEELHOUSE_GIT_TREE_STATE, else
// nothing (an archive without .git, the Docker build).
const git = (...args) => {
  try {
    return execFileSync('git', args, { cwd: new URL('..', import.meta.url), stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim()
  } catch {
    return undefined
  }
}
const commit = process.env.WHEELHOUSE_GIT_COMMIT ?? git('rev-parse', 'HEAD') ?? ''
const treeState =
  process.env.WHEELHOUSE_GIT_TREE_STATE ??
  (commit ? ((git('status', '--porcelain', '--untracked-files=no') ?? '') === '' ? 'clean' : 'dirty') : '')

// Built aside and swapped in, so a process running bin/helm while another rebuilds never finds dist/ missing.
const dist = new URL('../dist', import.meta.url)
const next = new URL(`../dist.next-${process.pid}`, import.meta.url)
const old = new URL(`../dist.old-${process.pid}`, import.meta.url)
// Small dependencies are bundled (fast start, no ESM/CJS resolution quirks); heavy SDKs stay outside and
// are only ever loaded through dynamic import() by the code that needs them.
const external = ['@kubernetes/client-node', '@grpc/grpc-js', 'protobufjs', 'openpgp', 'esbuild', 'tsx']
const define = {
  __WHEELHOUSE_GIT_COMMIT__: JSON.stringify(/^[0-9a-f]{40}$/.test(commit) ? commit : ''),
  __WHEELHOUSE_GIT_TREE_STATE__: JSON.stringify(commit ? treeState : ''),
}
// Node built-ins the helm bundle loads only when a function of theirs is first called (esbuild turns every import
// into a require at start-up): `helm template` never loads crypto or zlib unless a template or an archive needs
// them, nor fs/promises (which loads node's fs/dir, watchers and readline code: ~1.5 ms CPU per start) unless a
// command reads a file asynchronously. Each is a module of getters over the real one, named from this node's
// properties of it.
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    const lazy = new Set(['crypto', 'zlib', 'fs/promises'])
    b.onResolve({ filter: /^(node:)?(crypto|zlib|fs\/promises)$/ }, (args) =>
      lazy.has(args.path.replace(/^node:/, '')) && args.namespace === 'file'
        ? { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' }
        : undefined,
    )
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, async (args) => {
      // every own property, the non-enumerable ones too (zlib's legacy Z_* constants, crypto's rng)
      const names = Object.getOwnPropertyNames(createRequire(import.meta.url)(`node:${args.path}`))
      return {
        contents: `let m; const load = () => (m ??= require('node:${args.path}'));
for (const k of ${JSON.stringify(names)}) Object.defineProperty(exports, k, { enumerable: true, get: () => load()[k] });`,
        loader: 'js',
      }
    })
  },
}
// Packages inside the helm bundle that it initialises on first use: esbuild runs a bundled module's top level when
// its importer's runs, so every `helm template` paid for the regular expression engine re2js (Unicode tables,
// used by regex functions, globs and search), the `yaml` package (repository files, provenance; templates read
// with src/domain/yaml) and bcryptjs (htpasswd) without calling them. Each import of them is a module of getters
// (the package's exports, listed from this node's require of it) over a `require` of the real package, which
// esbuild bundles as a module initialised when that require first runs (a default import gets the module of
// getters itself). The build fails if a module imports a name the getters do not forward.
const lazyNames = new Map()
const lazyImporters = []
const lazyPackages = {
  name: 'lazy-packages',
  setup(b) {
    const lazy = ['re2js', 'yaml', 'bcryptjs']
    b.onResolve({ filter: /^(re2js|yaml|bcryptjs)$/ }, (args) => {
      if (args.namespace !== 'file') return undefined
      lazyImporters.push([args.importer, args.path])
      return { path: args.path, namespace: 'lazy-package' }
    })
    b.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => {
      if (!lazy.includes(args.path)) return undefined
      // the exports of the build a require picks, the one the getters read
      const names = Object.keys(createRequire(import.meta.url)(args.path)).filter((k) => k !== 'default')
      lazyNames.set(args.path, names)
      return {
        // the package's CommonJS build where it has one (esbuild keeps all of it inside the function that
        // initialises it; an ES module's functions would be hoisted into the bundle's top level)
        contents: `let m; const load = () => (m ??= require(${JSON.stringify(args.path)}));
for (const k of ${JSON.stringify(names)}) Object.defineProperty(exports, k, { enumerable: true, get: () => load()[k] });`,
        loader: 'js',
        resolveDir: fileURLToPath(new URL('..', import.meta.url)),
      }
    })
  },
}
// `helm template ARGS` (bin/helm, when the first argument is `template`) runs dist/helm-template.cjs: the same
// entry with every other command left out (the loaders of src/cli/commands/index.ts other than template's name a
// module that only throws), so a template run reads, compiles and deserialises no code of the other commands:
// 0.4 MB less bundle and ~25% less of its code cache's skeleton (the top-level functions of every module).
// The release commands that talk to Tiller (install, upgrade, status, ...) run dist/helm-release.cjs the same way:
// their gRPC client without the other commands (bin/helm's RELEASE_COMMANDS name the first arguments).
const commandsOnly = (bundle, kept) => ({
  name: `${bundle}-only`,
  setup(b) {
    b.onResolve({ filter: /^\.\// }, (args) =>
      args.kind === 'dynamic-import' &&
      args.importer === fileURLToPath(new URL('../src/cli/commands/index.ts', import.meta.url)) &&
      !kept.includes(args.path)
        ? { path: args.path, namespace: `not-in-${bundle}` }
        : undefined,
    )
    b.onLoad({ filter: /.*/, namespace: `not-in-${bundle}` }, (args) => ({
      contents: `throw new Error('dist/${bundle}.cjs holds the ${kept.join(', ')} commands only, not ${args.path}')`,
      loader: 'js',
    }))
  },
})
const templateOnly = commandsOnly('helm-template', ['./template'])
// the commands bin/helm runs from dist/helm-release.cjs, and their subcommands (`helm get values`, ...): those that
// talk to Tiller
const releaseOnly = commandsOnly('helm-release', [
  './install',
  './upgrade',
  './status',
  './list',
  './delete',
  './rollback',
  './history',
  './get',
  './get/hooks',
  './get/manifest',
  './get/notes',
  './get/values',
  './version',
  './test',
])
const helmBundle = {
  plugins: [lazyBuiltins, lazyPackages],
  outdir: next.pathname,
  bundle: true,
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  platform: 'node',
  mainFields: ['module', 'main'],
  target: 'node20',
  // the gRPC client and protobufjs are inside (in the code cache, no package resolution per install); Helm's
  // install path never reaches grpc-js's proto-loader (channelz, ORCA)
  external: ['@kubernetes/client-node', 'openpgp', '@grpc/proto-loader', 'esbuild', 'tsx'],
  // modules that find files next to themselves (proto/, the render worker) through import.meta.url; dynamic
  // imports through bin/helm's import() when it runs the bundle as a vm.Script (which has none of its own)
  // the whole file is CommonJS's module wrapper (bin/helm compiles it as is, without concatenating a copy)
  banner: {
    js: "(function (exports, require, module, __filename, __dirname) { 'use strict'; var __wheelhouseModuleUrl = require('node:url').pathToFileURL(__filename).href; var __wheelhouseImport = globalThis[Symbol.for('wheelhouse.import')] ?? ((s) => import(s));",
  },
  footer: { js: '})' },
  define: { ...define, 'import.meta.url': '__wheelhouseModuleUrl' },
  sourcemap: 'linked',
  minifyWhitespace: true,
  minifySyntax: true,
  // short names: a quarter less text to read and less of the code cache to deserialise on every start (the
  // scopes' names are in it). The bundle reads a function's or class's name only in texts of paths helm does not
  // take (typanion's instance check, protobufjs's decorators); stack traces (--debug) map through the source map.
  minifyIdentifiers: true,
  logLevel: 'warning',
}
await build({ ...helmBundle, entryPoints: { helm: 'src/cli/main.ts' } })
await build({
  ...helmBundle,
  entryPoints: { 'helm-template': 'src/cli/main.ts' },
  plugins: [...helmBundle.plugins, templateOnly],
})
await build({
  ...helmBundle,
  entryPoints: { 'helm-release': 'src/cli/main.ts' },
  plugins: [...helmBundle.plugins, releaseOnly],
})
// every name a module imports from a lazy package is one of its getters (a default import is the getters' module)
for (const [file, pkg] of lazyImporters)
  for (const [, clause] of readFileSync(file, 'utf8').matchAll(
    new RegExp(`import\\s+\\{([^}]*)\\}\\s+from\\s+'${pkg}'`, 'g'),
  ))
    for (const item of clause.split(',')) {
      const name = item.trim().split(/\s+as\s+/)[0]
      if (name !== '' && !name.startsWith('type ') && !lazyNames.get(pkg)?.includes(name))
        throw new Error(`${file} imports ${name} from ${pkg}, which the lazy-packages plugin does not forward`)
    }
for (const name of ['helm.cjs', 'helm-template.cjs', 'helm-release.cjs']) {
  const file = new URL(name, `${next.href}/`)
  const code = readFileSync(file, 'utf8')
  const imports = [...code.matchAll(/\bimport\(([^)]{0,80})\)/g)].map((m) => m[1])
  const allowed = (s) => /^"(node:[a-z/_]+|@kubernetes\/client-node|openpgp)"$/.test(s) || s === 's'
  const odd = imports.filter((s) => !allowed(s))
  if (odd.length > 0) throw new Error(`dist/${name}: dynamic imports bin/helm cannot route: ${odd.join(', ')}`)
  // bin/helm reads the bundle as latin1 (no UTF-8 decoding of 2 MB per start): esbuild escapes strings, but keeps
  // regular expressions and raw templates as written, where an escape could change their meaning
  const wide = code.search(/[^\x00-\x7f]/)
  if (wide >= 0) {
    const line = code.slice(0, wide).split('\n').length
    throw new Error(`dist/${name} line ${line} is not ASCII: write that character as a \\u escape in the source`)
  }
  writeFileSync(file, code.replace(/\bimport\((?="(?:node:|@kubernetes\/|openpgp))/g, '__wheelhouseImport('))
}
{
  const file = new URL('helm.cjs', `${next.href}/`)
  // `helm version -c` as the bundle prints it, for bin/helm's fast path (see there)
  const run = `const m = { exports: {} }, f = process.argv[1]
require('node:vm').runInThisContext(require('node:fs').readFileSync(f, 'latin1'), { filename: f })(m.exports, require('node:module').createRequire(f), m, f, require('node:path').dirname(f))
m.exports.runHelm(['version', '-c'], { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: { HELM_NO_PLUGINS: '1' }, cwd: process.cwd() }).then((c) => { process.exitCode = c })`
  const line = execFileSync(process.execPath, ['-e', run, fileURLToPath(file)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  writeFileSync(new URL('version-client.txt', `${next.href}/`), line)
}
{
  // Helm v2's hapi schema compiled once (src/adapters/grpc/Proto.ts reads dist/hapi.json instead of parsing
  // proto/hapi on every client start)
  const base = new URL('../proto/', import.meta.url).pathname
  const r = new protobuf.Root()
  r.resolvePath = (_origin, target) => (target.startsWith('google/protobuf/') ? target : join(base, target))
  r.loadSync(['hapi/services/tiller.proto'], { keepCase: true })
  r.resolveAll()
  writeFileSync(new URL('hapi.json', `${next.href}/`), JSON.stringify(r.toJSON()))
}
await build({
  entryPoints: {
    tiller: 'src/tiller/main.ts',
    'kube-sandbox': 'src/sandbox/main.ts',
    index: 'src/index.ts',
    // Tiller's render worker (adapters/render-worker), started by RenderPool from dist/render-worker.js
    'render-worker': 'src/adapters/render-worker/Worker.ts',
  },
  outdir: next.pathname,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  banner: {
    js: "import { createRequire as __wheelhouseRequire } from 'node:module'; const require = __wheelhouseRequire(import.meta.url);",
  },
  define,
  sourcemap: 'linked',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  chunkNames: 'chunks/[name]-[hash]',
})
try {
  renameSync(dist, old)
} catch {}
renameSync(next, dist)
rmSync(old, { recursive: true, force: true })

if (process.argv.includes('--warm')) {
  const scratch = mkdtempSync(join(tmpdir(), 'wheelhouse-warm-'))
  try {
    execFileSync(process.execPath, [new URL('../bin/helm', import.meta.url).pathname], {
      env: { ...process.env, WHEELHOUSE_CODE_CACHE_WARM: scratch, HELM_HOME: join(scratch, 'home') },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
  } catch {
    // the cache is an optimisation: bin/helm writes it on its first run instead
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

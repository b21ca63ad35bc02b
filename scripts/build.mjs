// Bundles the entry points with esbuild (ESM, code splitting so that heavy modules such as
// @kubernetes/client-node load lazily through dynamic import()). `tsc --noEmit` does the type checking.
import { build } from 'esbuild'
import { execFileSync } from 'node:child_process'
import { renameSync, rmSync } from 'node:fs'

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
await build({
  entryPoints: {
    helm: 'src/cli/main.ts',
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
  // Small dependencies are bundled (fast start, no ESM/CJS resolution quirks); heavy SDKs stay outside and
  // are only ever loaded through dynamic import() by the code that needs them.
  external: ['@kubernetes/client-node', '@grpc/grpc-js', 'protobufjs', 'openpgp', 'esbuild', 'tsx'],
  banner: {
    js: "import { createRequire as __wheelhouseRequire } from 'node:module'; const require = __wheelhouseRequire(import.meta.url);",
  },
  define: {
    __WHEELHOUSE_GIT_COMMIT__: JSON.stringify(/^[0-9a-f]{40}$/.test(commit) ? commit : ''),
    __WHEELHOUSE_GIT_TREE_STATE__: JSON.stringify(commit ? treeState : ''),
  },
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

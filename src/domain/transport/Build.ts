// What the build knows about the source it was made from. scripts/build.mjs replaces these identifiers in the
// bundles (esbuild `define`) when it runs in a git checkout; run from source, or built from an archive without
// .git, they are absent and the build says nothing about its commit, as Helm v2 built outside git did.
declare const __WHEELHOUSE_GIT_COMMIT__: string | undefined
declare const __WHEELHOUSE_GIT_TREE_STATE__: string | undefined

/** The git commit (40 hex digits) the bundle was built from, or ''. */
export const gitCommit: string = typeof __WHEELHOUSE_GIT_COMMIT__ === 'string' ? __WHEELHOUSE_GIT_COMMIT__ : ''

/** `clean` or `dirty` (uncommitted changes at build time) when `gitCommit` is known, else ''. */
export const gitTreeState: string =
  typeof __WHEELHOUSE_GIT_TREE_STATE__ === 'string' ? __WHEELHOUSE_GIT_TREE_STATE__ : ''

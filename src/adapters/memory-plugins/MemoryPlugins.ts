import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { fileNotFound, fileUnwritable } from '../../domain/GeneralError'
import { normalizePath, pathIn } from '../../domain/path/SafePath'
import { decodePluginFile, PLUGIN_FILE } from '../../domain/plugin/PluginFile'
import { pluginMetadataMissing, pluginStartFailed, vcsFailed } from '../../domain/plugin/PluginError'
import type { Captured, FoundPlugin, PathKind, Plugins, Run } from '../../ports/Plugins'
import type { Vcs } from '../../ports/Vcs'

/** What a program sees of its run: its arguments, environment, working folder and input. */
export interface ProgramCall {
  readonly file: string
  readonly args: ReadonlyArray<string>
  readonly env: Readonly<Record<string, string>>
  readonly cwd: string
  readonly stdin: string
}

/** What a program does: its exit code and what it prints. */
export interface ProgramResult {
  readonly code: number
  readonly stdout?: string | Uint8Array
  readonly stderr?: string
}

export type Program = (call: ProgramCall) => ProgramResult | Promise<ProgramResult>

/** A repository a memory clone copies: the files of its branch `main` and of each tag (path → text). */
export interface MemoryRemote {
  main: Record<string, string>
  tags: Record<string, Record<string, string>>
}

type Node =
  | { readonly _tag: 'Folder' }
  | { readonly _tag: 'File'; readonly data: Uint8Array; readonly mode: number }
  | { readonly _tag: 'Link'; readonly target: string }

const bytes = (d: string | Uint8Array): Uint8Array => (typeof d === 'string' ? new TextEncoder().encode(d) : d)
const parentOf = (p: string): string => p.slice(0, Math.max(1, p.lastIndexOf('/')))

/**
 * Plugins and their repositories in memory, for use-case tests and the contract suites: one file tree (folders,
 * files with modes, links), programs registered by path (or by name, as $PATH would find them), and remote
 * repositories that clones copy. `calls` lists every program run.
 */
export const memoryPluginHost = (
  opts: {
    readonly programs?: Readonly<Record<string, Program>>
    readonly remotes?: Readonly<Record<string, MemoryRemote>>
    readonly stdin?: string
  } = {},
) => {
  const tree = new Map<string, Node>([['/', { _tag: 'Folder' }]])
  const programs = new Map(Object.entries(opts.programs ?? {}))
  const remotes = new Map(Object.entries(opts.remotes ?? {}))
  const clones = new Map<string, { url: string; ref: string; files: Record<string, string> }>()
  const calls: ProgramCall[] = []
  let stdout = ''
  let stderr = ''

  // resolves links along `p` (and at its end when `follow`); undefined past 40 links
  const resolve = (p: string, follow: boolean): string | undefined => {
    let parts = normalizePath(p).split('/').filter(Boolean)
    let at = ''
    for (let hops = 0, i = 0; i < parts.length; i++) {
      const next = `${at}/${parts[i]}`
      const node = tree.get(next)
      if (node?._tag === 'Link' && (follow || i < parts.length - 1)) {
        if (++hops > 40) return undefined
        const target = node.target.startsWith('/') ? node.target : `${at || ''}/${node.target}`
        parts = [...normalizePath(target).split('/').filter(Boolean), ...parts.slice(i + 1)]
        at = ''
        i = -1
        continue
      }
      at = next
    }
    return at || '/'
  }
  const get = (p: string, follow = true): Node | undefined => {
    const r = resolve(p, follow)
    return r === undefined ? undefined : tree.get(r)
  }
  const mkdirs = (p: string): void => {
    const parts = normalizePath(p).split('/').filter(Boolean)
    let at = ''
    for (const part of parts) {
      at = resolve(`${at}/${part}`, true) ?? `${at}/${part}`
      if (!tree.has(at)) tree.set(at, { _tag: 'Folder' })
    }
  }
  const put = (p: string, data: string | Uint8Array, mode = 0o644): void => {
    const abs = normalizePath(p)
    mkdirs(parentOf(abs))
    tree.set(resolve(abs, false) ?? abs, { _tag: 'File', data: bytes(data), mode })
  }
  const removeTree = (p: string): void => {
    const abs = resolve(p, false) ?? normalizePath(p)
    for (const k of [...tree.keys()]) if (k === abs || k.startsWith(`${abs}/`)) tree.delete(k)
  }
  const children = (dir: string): string[] => {
    const abs = resolve(dir, true)
    if (abs === undefined || tree.get(abs)?._tag !== 'Folder') return []
    const prefix = abs === '/' ? '/' : `${abs}/`
    return [...tree.keys()]
      .filter((k) => k.startsWith(prefix) && k !== abs && !k.slice(prefix.length).includes('/'))
      .map((k) => k.slice(prefix.length))
      .sort()
  }
  const text = (n: Node | undefined): string | undefined =>
    n?._tag === 'File' ? new TextDecoder().decode(n.data) : undefined
  const load = (dir: string) => {
    const t = text(get(`${dir}/${PLUGIN_FILE}`))
    return t === undefined ? E.left(pluginMetadataMissing(dir)) : decodePluginFile(`${dir}/${PLUGIN_FILE}`, t)
  }
  const findProgram = (file: string): Program | undefined =>
    programs.get(file.includes('/') ? normalizePath(resolve(file, true) ?? file) : file) ?? programs.get(file)
  const call = async (r: Run, input: string): Promise<E.Either<HelmError, Required<ProgramResult>>> => {
    const program = findProgram(r.file)
    if (program === undefined) return E.left(pluginStartFailed(r.file, 'no such file or directory'))
    const c: ProgramCall = { file: r.file, args: [...r.args], env: { ...r.env }, cwd: r.cwd, stdin: input }
    calls.push(c)
    const res = await program(c)
    return E.right({ code: res.code, stdout: res.stdout ?? '', stderr: res.stderr ?? '' })
  }

  // files of a clone (`.git` aside), path → text
  const filesUnder = (dir: string): Record<string, string> => {
    const abs = resolve(dir, true) ?? dir
    const out: Record<string, string> = {}
    for (const [k, n] of tree)
      if (k.startsWith(`${abs}/`) && !k.startsWith(`${abs}/.git`) && n._tag === 'File')
        out[k.slice(abs.length + 1)] = new TextDecoder().decode(n.data)
    return out
  }
  const checkoutFiles = (dir: string, files: Record<string, string>): void => {
    for (const k of Object.keys(filesUnder(dir))) tree.delete(`${resolve(dir, true)}/${k}`)
    for (const [p, t] of Object.entries(files)) put(`${dir}/${p}`, t, p.endsWith('.sh') ? 0o755 : 0o644)
  }
  const cloneOf = (dir: string) => clones.get(resolve(dir, true) ?? dir)
  const sameFiles = (a: Record<string, string>, b: Record<string, string>): boolean =>
    Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v)

  const plugins: Plugins = {
    name: 'memory',
    scan: (dirs) =>
      TE.right(
        dirs.flatMap((dir) =>
          children(dir)
            .map((name) => `${normalizePath(dir)}/${name}`)
            .filter((sub) => get(`${sub}/${PLUGIN_FILE}`)?._tag === 'File')
            .map((sub): FoundPlugin => ({ dir: sub, metadata: load(sub) })),
        ),
      ),
    load: (dir) => TE.fromEither(load(dir)),
    inspect: (p, follow = false) => {
      const n = get(p, follow)
      return TE.right(
        n === undefined
          ? O.none
          : O.some<PathKind>(n._tag === 'Link' ? { _tag: 'Link', target: n.target } : { _tag: n._tag }),
      )
    },
    realPath: (p) => {
      const r = resolve(p, true)
      return r !== undefined && tree.has(r) ? TE.right(r) : TE.left(fileNotFound(p))
    },
    link: (target, at) => {
      if (get(at, false) !== undefined) return TE.left(fileUnwritable(at, 'file exists'))
      mkdirs(parentOf(normalizePath(at)))
      tree.set(resolve(at, false) ?? normalizePath(at), { _tag: 'Link', target })
      return TE.right(undefined)
    },
    unpack: (dir, files) =>
      pipe(
        TE.fromEither(E.traverseArray((f: (typeof files)[number]) => pathIn('plugin file', dir, f.path))(files)),
        TE.map((targets) => {
          mkdirs(dir)
          targets.forEach((t, i) => put(t, (files[i] as (typeof files)[number]).data, files[i]?.mode))
        }),
      ),
    remove: (p) => {
      removeTree(p)
      return TE.right(undefined)
    },
    run: (r) => async () => {
      const res = await call(r, opts.stdin ?? '')
      if (E.isLeft(res)) return res
      stdout += typeof res.right.stdout === 'string' ? res.right.stdout : new TextDecoder().decode(res.right.stdout)
      stderr += res.right.stderr
      return E.right(res.right.code)
    },
    capture: (r) => async () =>
      E.map(
        (res: Required<ProgramResult>): Captured => ({
          code: res.code,
          stdout: bytes(res.stdout),
          stderr: res.stderr,
        }),
      )(await call(r, '')),
  }

  const vcs: Vcs = {
    name: 'memory',
    clone: (url, dir) => {
      const remote = remotes.get(url)
      if (remote === undefined) return TE.left(vcsFailed(`git clone ${url}`, `repository '${url}' not found`))
      if (get(dir, false) !== undefined) return TE.left(vcsFailed(`git clone ${url}`, `'${dir}' already exists`))
      mkdirs(`${dir}/.git`)
      checkoutFiles(dir, remote.main)
      clones.set(resolve(dir, true) ?? dir, { url, ref: 'main', files: { ...remote.main } })
      return TE.right(undefined)
    },
    isRepo: (dir) => TE.right(get(`${dir}/.git`)?._tag === 'Folder' && cloneOf(dir) !== undefined),
    tags: (dir) => {
      const c = cloneOf(dir)
      return c
        ? TE.right(Object.keys(remotes.get(c.url)?.tags ?? {}))
        : TE.left(vcsFailed('git tag', 'not a repository'))
    },
    isReference: (dir, ref) => {
      const c = cloneOf(dir)
      return TE.right(c !== undefined && (ref === 'main' || ref in (remotes.get(c.url)?.tags ?? {})))
    },
    checkout: (dir, ref) => {
      const c = cloneOf(dir)
      const remote = c ? remotes.get(c.url) : undefined
      const files = ref === 'main' ? remote?.main : remote?.tags[ref]
      if (c === undefined || files === undefined)
        return TE.left(vcsFailed(`git checkout ${ref}`, `pathspec '${ref}' did not match any file(s) known to git`))
      checkoutFiles(dir, files)
      clones.set(resolve(dir, true) ?? dir, { ...c, ref, files: { ...files } })
      return TE.right(undefined)
    },
    isDirty: (dir) => {
      const c = cloneOf(dir)
      if (c === undefined) return TE.left(vcsFailed('git status', 'not a repository'))
      const now = filesUnder(dir)
      // untracked files do not count (git status --untracked-files=no)
      const tracked = Object.fromEntries(Object.keys(c.files).map((k) => [k, now[k] ?? '']))
      return TE.right(!sameFiles(tracked, c.files))
    },
    update: (dir) => {
      const c = cloneOf(dir)
      const remote = c ? remotes.get(c.url) : undefined
      if (c === undefined || remote === undefined) return TE.left(vcsFailed('git fetch', 'not a repository'))
      if (c.ref === 'main') {
        checkoutFiles(dir, remote.main)
        clones.set(resolve(dir, true) ?? dir, { ...c, files: { ...remote.main } })
      }
      return TE.right(undefined)
    },
  }

  return {
    plugins,
    vcs,
    /** Writes a file (folders made as needed). */
    put,
    /** Makes a folder and its parents. */
    mkdir: mkdirs,
    /** Registers (or replaces) a program at `file` (a path, or a name $PATH would find). */
    program: (file: string, p: Program): void => void programs.set(file.includes('/') ? normalizePath(file) : file, p),
    /** The repository at `url`, to change what later clones and updates see. */
    remote: (url: string, r: MemoryRemote): void => void remotes.set(url, r),
    /** Every path of the tree with what it is (folders end in `/`, links show their target). */
    paths: (): string[] =>
      [...tree]
        .filter(([k]) => k !== '/')
        .map(([k, n]) => (n._tag === 'Folder' ? `${k}/` : n._tag === 'Link' ? `${k} -> ${n.target}` : k))
        .sort(),
    read: (p: string): string | undefined => text(get(p)),
    modeOf: (p: string): number | undefined => {
      const n = get(p)
      return n?._tag === 'File' ? n.mode : undefined
    },
    calls: (): ReadonlyArray<ProgramCall> => [...calls],
    stdout: (): string => stdout,
    stderr: (): string => stderr,
  }
}

export type MemoryPluginHost = ReturnType<typeof memoryPluginHost>

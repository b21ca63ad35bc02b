import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { defaultArchiveLimits } from '../../domain/chart/archive/Archive'
import type { ChartFile } from '../../domain/chart/Chart'
import { chartFileTooLarge, chartNotFound } from '../../domain/chart/ChartError'
import { defaultIgnoreRules, type IgnoreRules, isIgnored, parseHelmIgnore } from '../../domain/chart/HelmIgnore'
import type { HelmError } from '../../domain/errors'
import { fileNotFound, fileUnwritable } from '../../domain/GeneralError'
import { fileIn, normalizePath, pathIn } from '../../domain/path/SafePath'
import type { ChartFiles, FileEntry } from '../../ports/ChartFiles'

/** An in-memory ChartFiles with a way to look inside: every file by absolute path, and the folders made. */
export interface MemoryChartFiles extends ChartFiles {
  readonly snapshot: () => Readonly<Record<string, string>>
  readonly folders: () => ReadonlyArray<string>
}

const text = (d: Uint8Array): string => Buffer.from(d).toString('utf8')
const parentOf = (p: string): string => (p.lastIndexOf('/') <= 0 ? '/' : p.slice(0, p.lastIndexOf('/')))
const baseOf = (p: string): string => p.slice(p.lastIndexOf('/') + 1)

/**
 * Files and folders in memory, seeded with `files` (absolute path → content; their folders exist). Writes are
 * checked like the local adapter's (names and relative paths must stay inside their folder).
 */
export const memoryChartFiles = (files: Readonly<Record<string, string | Uint8Array>> = {}): MemoryChartFiles => {
  const data = new Map<string, { bytes: Uint8Array; mtimeMs: number }>()
  const dirs = new Set<string>(['/'])
  let tick = 0
  const addDir = (d: string): void => {
    for (let p = normalizePath(d); !dirs.has(p); p = parentOf(p)) dirs.add(p)
  }
  const put = (path: string, bytes: Uint8Array): void => {
    const p = normalizePath(path)
    addDir(parentOf(p))
    data.set(p, { bytes: new Uint8Array(bytes), mtimeMs: ++tick })
  }
  for (const [p, d] of Object.entries(files)) put(p, typeof d === 'string' ? Buffer.from(d) : d)

  const entry = (p: string): FileEntry | undefined => {
    const f = data.get(p)
    if (f) return { name: baseOf(p), kind: 'file', size: f.bytes.length, mtimeMs: f.mtimeMs }
    return dirs.has(p) ? { name: baseOf(p), kind: 'directory', size: 0, mtimeMs: 0 } : undefined
  }
  const children = (dir: string): string[] => {
    const prefix = dir === '/' ? '/' : `${dir}/`
    const names = new Set<string>()
    for (const p of [...data.keys(), ...dirs])
      if (p.startsWith(prefix) && p !== dir) names.add(p.slice(prefix.length).split('/')[0] as string)
    return [...names].sort()
  }

  const readChartDir = (dir: string): TE.TaskEither<HelmError, ReadonlyArray<ChartFile>> => {
    const root = normalizePath(dir)
    if (!dirs.has(root)) return TE.left(chartNotFound(dir))
    const ignore = data.get(`${root}/.helmignore`)
    let rules: IgnoreRules = defaultIgnoreRules
    if (ignore) {
      const parsed = parseHelmIgnore(text(ignore.bytes))
      if (E.isLeft(parsed)) return TE.left(parsed.left)
      rules = parsed.right
    }
    const out: ChartFile[] = []
    const walk = (abs: string, rel: string): E.Either<HelmError, void> => {
      for (const name of children(abs)) {
        const childAbs = `${abs}/${name}`
        const childRel = rel === '' ? name : `${rel}/${name}`
        const f = data.get(childAbs)
        if (!f) {
          if (isIgnored(rules, childRel, true)) continue
          const inner = walk(childAbs, childRel)
          if (E.isLeft(inner)) return inner
        } else if (!isIgnored(rules, childRel, false)) {
          if (f.bytes.length > defaultArchiveLimits.maxFileBytes)
            return E.left(chartFileTooLarge(childAbs, name, defaultArchiveLimits.maxFileBytes, false))
          const bom = f.bytes[0] === 0xef && f.bytes[1] === 0xbb && f.bytes[2] === 0xbf
          out.push({ path: childRel, data: bom ? f.bytes.slice(3) : new Uint8Array(f.bytes) })
        }
      }
      return E.right(undefined)
    }
    return pipe(
      TE.fromEither(walk(root, '')),
      TE.map(() => out),
    )
  }

  return {
    name: 'memory',
    stat: (p) => TE.right(O.fromNullable(entry(normalizePath(p)))),
    list: (dir) => {
      const d = normalizePath(dir)
      return dirs.has(d)
        ? TE.right(children(d).map((n) => entry(d === '/' ? `/${n}` : `${d}/${n}`) as FileEntry))
        : TE.left(fileNotFound(dir))
    },
    read: (p) => {
      const f = data.get(normalizePath(p))
      return f ? TE.right(new Uint8Array(f.bytes)) : TE.left(fileNotFound(p))
    },
    readChartDir,
    write: (dir, name, bytes) =>
      pipe(
        TE.fromEither<HelmError, string>(fileIn('file', normalizePath(dir), name)),
        TE.chain((target) =>
          dirs.has(target)
            ? TE.left(fileUnwritable(target, 'is a directory'))
            : TE.fromIO(() => {
                put(target, bytes)
                return target
              }),
        ),
      ),
    writeTree: (dir, tree) =>
      pipe(
        TE.fromEither<HelmError, ReadonlyArray<readonly [string, Uint8Array]>>(
          pipe(
            tree,
            E.traverseArray((f) =>
              pipe(
                pathIn('file', normalizePath(dir), f.path),
                E.map((p) => [p, f.data] as const),
              ),
            ),
          ),
        ),
        TE.map((targets) => {
          const existed = targets.filter(([p]) => data.has(p)).map(([p]) => p)
          for (const [p, d] of targets) put(p, d)
          return existed
        }),
      ),
    makeDir: (dir) => TE.fromIO(() => addDir(dir)),
    remove: (p) =>
      TE.fromIO(() => {
        const target = normalizePath(p)
        data.delete(target)
        for (const k of [...data.keys()]) if (k.startsWith(`${target}/`)) data.delete(k)
        for (const d of [...dirs]) if (d === target || d.startsWith(`${target}/`)) dirs.delete(d)
      }),
    snapshot: () =>
      Object.fromEntries([...data].sort(([a], [b]) => (a < b ? -1 : 1)).map(([p, f]) => [p, text(f.bytes)])),
    folders: () => [...dirs].sort(),
  }
}

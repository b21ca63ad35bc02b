import { resolve } from 'node:path'
import * as E from 'fp-ts/Either'
import type { Dependency } from '../../domain/chart/Chart'
import type { HelmError } from '../../domain/errors'
import { type Constraint, parseConstraint, satisfiesText, unsatisfiable } from '../../domain/semver/Constraint'
import { type IndexFile, findVersion } from '../../domain/repo/Index'
import { repositoryAlias } from '../../domain/repo/Lock'
import type { RepoEntry } from '../../domain/repo/RepoFile'
import { dependencyUnresolved, noRepositoryDefinition } from '../../domain/repo/RepoError'
import { loadChartPath } from '../chart-fs/ChartFs'
import { downloadIndex } from '../http-repo/ChartRepository'
import { cachePathOf, ensureHelmHome, loadRepoFile } from './HelmHome'
import { loadIndexFile } from './IndexCache'

/** Where a dependency comes from once its repository reference is understood. */
export type Source =
  | { readonly _tag: 'Local'; readonly path: string }
  | { readonly _tag: 'Repo'; readonly url: string; readonly entry?: RepoEntry | undefined }

/**
 * Reads a dependency's `repository`: `file://PATH` (relative to the chart), `@name` / `alias:name` (a configured
 * repository, else Left NoRepositoryDefinition), or a URL (its configured entry, if any, for credentials).
 */
export const sourceOf = (dir: string, d: Dependency, repos: ReadonlyArray<RepoEntry>): E.Either<HelmError, Source> => {
  const repo = d.repository ?? ''
  if (repo.startsWith('file://')) return E.right({ _tag: 'Local', path: resolve(dir, repo.slice('file://'.length)) })
  const alias = repositoryAlias(repo)
  if (alias !== undefined) {
    const entry = repos.find((r) => r.name === alias)
    return entry ? E.right({ _tag: 'Repo', url: entry.url, entry }) : E.left(noRepositoryDefinition([repo]))
  }
  if (repo === '') return E.left(dependencyUnresolved(d.name, 'no repository given'))
  const entry = repos.find((r) => r.url.replace(/\/+$/, '') === repo.replace(/\/+$/, ''))
  return E.right({ _tag: 'Repo', url: repo, entry })
}

/** Index of a repository: the cached copy of a configured one, else downloaded (remembered per URL). */
export const indexLoader = (root: string) => {
  const seen = new Map<string, Promise<E.Either<HelmError, IndexFile>>>()
  const home = ensureHelmHome(root)
  return (src: Extract<Source, { _tag: 'Repo' }>): Promise<E.Either<HelmError, IndexFile>> => {
    const key = src.url
    let p = seen.get(key)
    if (!p) {
      p = (async () => {
        const h = await home()
        if (E.isLeft(h)) return h
        if (src.entry) {
          const cache = cachePathOf(h.right, src.entry)
          return E.isLeft(cache) ? cache : loadIndexFile(cache.right)()
        }
        const got = await downloadIndex(src.url, {})()
        return E.isLeft(got) ? got : E.right(got.right.index)
      })()
      seen.set(key, p)
    }
    return p
  }
}

/** The constraint, or one nothing satisfies when it does not parse. */
export const parseConstraintOrAll = (c: string): Constraint => {
  const p = parseConstraint(c)
  return E.isRight(p) ? p.right : unsatisfiable(c)
}

/** The version a dependency resolves to: a local chart's own (checked against the range), else the newest match. */
export const chartVersionOf = async (
  d: Dependency,
  src: Source,
  index: (s: Extract<Source, { _tag: 'Repo' }>) => Promise<E.Either<HelmError, IndexFile>>,
): Promise<E.Either<HelmError, string>> => {
  if (src._tag === 'Local') {
    const chart = await loadChartPath(src.path)()
    if (E.isLeft(chart)) return E.left(dependencyUnresolved(d.name, `directory ${src.path} not found`))
    const v = chart.right.metadata.version
    return !d.version || satisfiesText(parseConstraintOrAll(d.version), v)
      ? E.right(v)
      : E.left(
          dependencyUnresolved(
            d.name,
            `can't get a valid version for dependency ${d.name} (${d.version}) from ${d.repository}`,
          ),
        )
  }
  const idx = await index(src)
  if (E.isLeft(idx)) return idx
  const cv = findVersion(idx.right, d.name, d.version ?? '')
  if (E.isLeft(cv)) return cv
  return cv.right
    ? E.right(cv.right.version)
    : E.left(dependencyUnresolved(d.name, `can't get a valid version for ${d.version || 'any version'} in ${src.url}`))
}

/** Where each dependency comes from, and the configured repositories they use. Left NoRepositoryDefinition. */
export const sources = async (
  root: string,
  dir: string,
  deps: ReadonlyArray<Dependency>,
): Promise<
  E.Either<HelmError, { list: ReadonlyArray<readonly [Dependency, Source]>; used: ReadonlyArray<RepoEntry> }>
> => {
  const home = await ensureHelmHome(root)()
  if (E.isLeft(home)) return home
  const file = await loadRepoFile(home.right)()
  if (E.isLeft(file)) return file
  const list: Array<readonly [Dependency, Source]> = []
  const missing: string[] = []
  for (const d of deps) {
    const src = sourceOf(dir, d, file.right.repositories)
    if (E.isLeft(src)) {
      if (src.left._tag === 'NoRepositoryDefinition') missing.push(...src.left.urls)
      else return src
    } else list.push([d, src.right])
  }
  if (missing.length > 0) return E.left(noRepositoryDefinition(missing))
  const used = list.flatMap(([, s]) => (s._tag === 'Repo' && s.entry ? [s.entry] : []))
  return E.right({ list, used })
}

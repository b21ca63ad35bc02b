import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { Dependency, Lock, Metadata } from '../../domain/chart/Chart'
import { decodeChartFile, decodeLock, decodeRequirements } from '../../domain/chart/ChartFile'
import { type HelmError, message } from '../../domain/errors'
import { isOci, parseOciReference } from '../../domain/oci/Reference'
import { isExactVersion } from '../../domain/oci/Tags'
import { joinPath } from '../../domain/path/SafePath'
import { findVersion, type IndexFile } from '../../domain/repo/Index'
import { dependencyFiles, repositoryAlias } from '../../domain/repo/Lock'
import { dependencyUnresolved, noRepositoryDefinition } from '../../domain/repo/RepoError'
import type { RepoEntry } from '../../domain/repo/RepoFile'
import { type Constraint, parseConstraint, satisfiesText, unsatisfiable } from '../../domain/semver/Constraint'
import type { RepoAuth } from '../../ports/ChartRepository'
import { loadChart } from './Charts'
import { ensureHome, fetchIndex } from './RepoIndexes'
import type { ClientDeps } from './Deps'
import { ociVersions } from './OciResolve'

/** Where a dependency comes from once its repository reference is understood. */
export type Source =
  | { readonly _tag: 'Local'; readonly path: string }
  | { readonly _tag: 'Repo'; readonly url: string; readonly entry?: RepoEntry | undefined }
  /** an `oci://` repository: the chart is `URL/NAME`, its versions the tags there (Helm 4) */
  | { readonly _tag: 'Oci'; readonly url: string }

/** A chart folder's dependency files: Chart.yaml, the requirements (requirements.yaml or Chart.yaml v2) and lock. */
export interface ChartDeps {
  readonly dir: string
  readonly metadata: Metadata
  readonly requirements: ReadonlyArray<Dependency>
  readonly lock?: Lock | undefined
  readonly files: { readonly deps: string; readonly lock: string }
}

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8')

/** The text of `path`, None when there is no such file. */
const readOptional =
  (path: string) =>
  (d: Pick<ClientDeps, 'files'>): TE.TaskEither<HelmError, O.Option<string>> =>
    pipe(
      d.files.read(path),
      TE.map((b) => O.some(text(b))),
      TE.orElse((e) => (e._tag === 'FileNotFound' ? TE.right(O.none) : TE.left(e))),
    )

/** Reads Chart.yaml, the requirements and the lock of the chart folder `dir` (decoded with their codecs). */
export const readChartDeps =
  (dir: string) =>
  (d: Pick<ClientDeps, 'files'>): TE.TaskEither<HelmError, ChartDeps> =>
    pipe(
      d.files.read(joinPath(dir, 'Chart.yaml')),
      TE.chainEitherKW((bytes) => decodeChartFile(joinPath(dir, 'Chart.yaml'), text(bytes))),
      TE.bindTo('metadata'),
      TE.let('files', ({ metadata }) => dependencyFiles(metadata.apiVersion)),
      TE.bind('requirements', ({ metadata, files }) =>
        files.deps === 'requirements.yaml'
          ? pipe(
              readOptional(joinPath(dir, files.deps))(d),
              TE.chainEitherKW(
                O.match(
                  () => E.right<HelmError, ReadonlyArray<Dependency>>([]),
                  (t) => decodeRequirements(joinPath(dir, files.deps), t),
                ),
              ),
            )
          : TE.right(metadata.dependencies ?? []),
      ),
      TE.bind('lock', ({ files }) =>
        pipe(
          readOptional(joinPath(dir, files.lock))(d),
          TE.chainEitherKW(
            O.match(
              () => E.right<HelmError, Lock | undefined>(undefined),
              (t) => decodeLock(joinPath(dir, files.lock), t),
            ),
          ),
        ),
      ),
      TE.map((c) => ({ dir, ...c })),
    )

/**
 * Reads a dependency's `repository`: `file://PATH` (relative to the chart), `@name` / `alias:name` (a configured
 * repository, else NoRepositoryDefinition), or a URL (its configured entry, if any, for credentials).
 */
export const sourceOf = (dir: string, d: Dependency, repos: ReadonlyArray<RepoEntry>): E.Either<HelmError, Source> => {
  const repo = d.repository ?? ''
  if (repo.startsWith('file://')) return E.right({ _tag: 'Local', path: joinPath(dir, repo.slice('file://'.length)) })
  if (isOci(repo)) return E.right({ _tag: 'Oci', url: repo.replace(/\/+$/, '') })
  const alias = repositoryAlias(repo)
  if (alias !== undefined) {
    const entry = repos.find((r) => r.name === alias)
    return entry ? E.right({ _tag: 'Repo', url: entry.url, entry }) : E.left(noRepositoryDefinition([repo]))
  }
  if (repo === '') return E.left(dependencyUnresolved(d.name, 'no repository given'))
  const entry = repos.find((r) => r.url.replace(/\/+$/, '') === repo.replace(/\/+$/, ''))
  return E.right({ _tag: 'Repo', url: repo, entry })
}

/** Where each dependency comes from, and the configured repositories they use. Left NoRepositoryDefinition. */
export const sources =
  (dir: string, deps: ReadonlyArray<Dependency>) =>
  (
    d: Pick<ClientDeps, 'home'>,
  ): TE.TaskEither<
    HelmError,
    { readonly list: ReadonlyArray<readonly [Dependency, Source]>; readonly used: ReadonlyArray<RepoEntry> }
  > =>
    pipe(
      ensureHome(d),
      TE.chain(() => d.home.readRepositories()),
      TE.chainEitherK((file) => {
        const repos = O.isSome(file) ? file.value.repositories : []
        const list: Array<readonly [Dependency, Source]> = []
        const missing: string[] = []
        for (const dep of deps) {
          const src = sourceOf(dir, dep, repos)
          if (E.isRight(src)) list.push([dep, src.right])
          else if (src.left._tag === 'NoRepositoryDefinition') missing.push(...src.left.urls)
          else return src
        }
        if (missing.length > 0) return E.left(noRepositoryDefinition(missing))
        const used = list.flatMap(([, s]) => (s._tag === 'Repo' && s.entry ? [s.entry] : []))
        return E.right({ list, used })
      }),
    )

/** Index of a repository source: the cached copy of a configured one, else downloaded (each URL once per run). */
export type IndexLoader = (s: Extract<Source, { _tag: 'Repo' }>) => TE.TaskEither<HelmError, IndexFile>

export const indexLoader = (d: Pick<ClientDeps, 'home' | 'repos'>): IndexLoader => {
  const seen = new Map<string, Promise<E.Either<HelmError, IndexFile>>>()
  return (src) => () => {
    let p = seen.get(src.url)
    if (!p) {
      p = src.entry
        ? d.home.readIndex(src.entry)()
        : pipe(
            fetchIndex(src.url, {})(d),
            TE.map((got) => got.index),
          )()
      seen.set(src.url, p)
    }
    return p
  }
}

/** The constraint, or one nothing satisfies when it does not parse. */
export const parseConstraintOrAll = (c: string): Constraint => {
  const p = parseConstraint(c)
  return E.isRight(p) ? p.right : unsatisfiable(c)
}

const noValidVersion = (d: Dependency): HelmError =>
  dependencyUnresolved(d.name, `can't get a valid version for dependency ${d.name} (${d.version}) from ${d.repository}`)

/** The OCI reference of a dependency from an `oci://` repository: `URL/NAME` (with `version` as its tag). */
export const ociDependencyRef = (src: Extract<Source, { _tag: 'Oci' }>, dep: Dependency, version = ''): string =>
  `${src.url}/${dep.name}${version === '' ? '' : `:${version}`}`

/**
 * Helm 4's resolver for an `oci://` dependency: an exact version as it is (no registry call), else the newest tag
 * that satisfies the range (tags newest first, no exact-match pass).
 */
const ociVersionOf =
  (dep: Dependency, src: Extract<Source, { _tag: 'Oci' }>, auth: RepoAuth) =>
  (d: Pick<ClientDeps, 'repos'>): TE.TaskEither<HelmError, string> => {
    const version = dep.version ?? ''
    if (version !== '' && isExactVersion(version)) return TE.right(version)
    const missing = dependencyUnresolved(
      dep.name,
      `can't get a valid version for ${JSON.stringify(dep.name)} (repository ${JSON.stringify(src.url)}, version ${JSON.stringify(version)})`,
    )
    return pipe(
      TE.fromEither(parseOciReference(ociDependencyRef(src, dep))),
      TE.chain((ref) => ociVersions(ref, auth)(d)),
      TE.mapLeft(
        (e): HelmError =>
          dependencyUnresolved(dep.name, `could not retrieve list of tags for repository ${src.url}: ${message(e)}`),
      ),
      TE.chainEitherK((versions) => {
        const c = parseConstraintOrAll(version === '' ? '*' : version)
        const v = versions.find((x) => satisfiesText(c, x))
        return v === undefined ? E.left(missing) : E.right(v)
      }),
    )
  }

/** The version a dependency resolves to: a local chart's own (checked against the range), else the newest match. */
export const chartVersionOf =
  (dep: Dependency, src: Source, index: IndexLoader, auth: RepoAuth = {}) =>
  (d: Pick<ClientDeps, 'files' | 'repos'>): TE.TaskEither<HelmError, string> =>
    src._tag === 'Oci'
      ? ociVersionOf(dep, src, auth)(d)
      : src._tag === 'Local'
        ? pipe(
            loadChart(src.path)(d),
            TE.mapLeft(() => dependencyUnresolved(dep.name, `directory ${src.path} not found`)),
            TE.map((chart) => chart.metadata.version),
            TE.filterOrElse(
              (v) => !dep.version || satisfiesText(parseConstraintOrAll(dep.version), v),
              () => noValidVersion(dep),
            ),
          )
        : pipe(
            index(src),
            TE.chainEitherKW((idx) => findVersion(idx, dep.name, dep.version ?? '')),
            TE.chainEitherKW(
              E.fromNullable<HelmError>(
                dependencyUnresolved(
                  dep.name,
                  `can't get a valid version for ${dep.version || 'any version'} in ${src.url}`,
                ),
              ),
            ),
            TE.map((cv) => cv.version),
          )

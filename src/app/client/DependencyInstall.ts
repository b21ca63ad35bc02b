import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as T from 'fp-ts/Task'
import * as TE from 'fp-ts/TaskEither'
import type { Dependency } from '../../domain/chart/Chart'
import { loadChartArchive } from '../../domain/chart/Load'
import { chartArchiveBytes, chartArchiveName } from '../../domain/chart/Save'
import type { HelmError } from '../../domain/errors'
import { fileIn, joinPath } from '../../domain/path/SafePath'
import { findVersion } from '../../domain/repo/Index'
import { dependencyUnresolved } from '../../domain/repo/RepoError'
import type { RepoEntry } from '../../domain/repo/RepoFile'
import type { RepoAuth } from '../../ports/ChartRepository'
import { entryAuth, resolveChartUrl } from '../../domain/repo/RepoUrl'
import { satisfiesText } from '../../domain/semver/Constraint'
import { loadChart } from './Charts'
import {
  type ChartDeps,
  type IndexLoader,
  ociDependencyRef,
  parseConstraintOrAll,
  type Source,
} from './DependencySources'
import type { ClientDeps } from './Deps'
import { repoUpdate, type UpdateOutcome } from './RepoUpdate'
import { verifyProvenance } from './Verify'

/** `dependency update`/`build` options: `--skip-refresh`, `--verify` with `--keyring`. */
export interface DependencyOptions {
  readonly skipRefresh?: boolean | undefined
  readonly verify?: boolean | undefined
  readonly keyring?: string | undefined
  /** how to reach `oci://` repositories (Helm 4's flags: TLS files, --plain-http, --username/--password) */
  readonly registryAuth?: RepoAuth | undefined
}

export type DependencyDeps = Pick<ClientDeps, 'files' | 'home' | 'repos' | 'signatory' | 'out'>

const refreshLine = (o: UpdateOutcome): string =>
  o._tag === 'Updated'
    ? `...Successfully got an update from the ${JSON.stringify(o.repo.name)} chart repository`
    : o._tag === 'Skipped'
      ? `...Skip ${o.repo.name} chart repository`
      : `...Unable to get an update from the ${JSON.stringify(o.repo.name)} chart repository (${o.repo.url})`

/** Refreshes the cached indexes of the configured repositories the dependencies use, with Helm's lines. */
export const refresh =
  (used: ReadonlyArray<RepoEntry>, opts: DependencyOptions) =>
  (d: DependencyDeps): TE.TaskEither<HelmError, void> =>
    used.length === 0 || opts.skipRefresh
      ? TE.right(undefined)
      : pipe(
          TE.fromIO(() => d.out('Hang tight while we grab the latest from your chart repositories...')),
          TE.chain(() =>
            repoUpdate({ names: [...new Set(used.map((u) => u.name))], onOutcome: (o) => d.out(refreshLine(o)) })(d),
          ),
          TE.map(() => d.out('Update Complete. ⎈ Happy Helming!⎈ ')),
        )

/** An archive for charts/: its file name and bytes. */
interface Archive {
  readonly name: string
  readonly bytes: Uint8Array
}

/** Downloads one dependency archive at `url` (verified against its .prov when asked); named NAME-VERSION.tgz. */
const download =
  (url: string, auth: RepoAuth, opts: DependencyOptions) =>
  (d: DependencyDeps): TE.TaskEither<HelmError, Archive> =>
    pipe(
      d.repos.get(url, auth),
      TE.chainEitherKW((bytes) =>
        pipe(
          loadChartArchive(bytes, url),
          E.map((chart) => ({ name: chartArchiveName(chart.metadata), bytes })),
        ),
      ),
      TE.chainFirst((a) =>
        opts.verify
          ? pipe(
              d.repos.get(`${url}.prov`, auth),
              TE.chain((prov) =>
                verifyProvenance(
                  { archiveName: a.name, archive: a.bytes, prov, provPath: `${a.name}.prov` },
                  opts.keyring ?? '',
                )(d),
              ),
            )
          : TE.right(undefined),
      ),
    )

/** The archive of one resolved dependency: a local chart packaged, or a download (verified when asked). */
const fetchDependency =
  (dep: Dependency, src: Source, index: IndexLoader, opts: DependencyOptions) =>
  (d: DependencyDeps): TE.TaskEither<HelmError, Archive> => {
    if (src._tag === 'Local')
      return pipe(
        loadChart(src.path)(d),
        TE.filterOrElseW(
          (chart) => !dep.version || satisfiesText(parseConstraintOrAll(dep.version), chart.metadata.version),
          () =>
            dependencyUnresolved(
              dep.name,
              `can't get a valid version for dependency ${dep.name} (${dep.version}) from ${dep.repository}`,
            ),
        ),
        TE.map((chart) => ({ name: chartArchiveName(chart.metadata), bytes: chartArchiveBytes(chart) })),
      )
    if (src._tag === 'Oci') {
      const url = ociDependencyRef(src, dep, dep.version ?? '')
      return pipe(
        TE.fromIO(() => d.out(`Downloading ${dep.name} from repo ${src.url}`)),
        TE.chain(() => download(url, opts.registryAuth ?? {}, opts)(d)),
      )
    }
    const auth = entryAuth(src.entry)
    return pipe(
      index(src),
      TE.chainEitherKW((idx) => findVersion(idx, dep.name, dep.version ?? '')),
      TE.chainEitherKW((cv) =>
        cv?.urls[0]
          ? E.right(resolveChartUrl(src.url, cv.urls[0]))
          : E.left(dependencyUnresolved(dep.name, `chart version ${dep.version ?? ''} not found in ${src.url}`)),
      ),
      TE.chainFirst(() => TE.fromIO(() => d.out(`Downloading ${dep.name} from repo ${src.url}`))),
      TE.chain((url) => download(url, auth, opts)(d)),
    )
  }

/**
 * Places the resolved archives in charts/: every archive is fetched (and its name checked to be a file name of
 * charts/) before anything is touched; only then are older archives of the same charts deleted and the new ones
 * written, as Helm's staging in tmpcharts/ does. Returns the paths written.
 */
export const installDependencies =
  (cd: ChartDeps, deps: ReadonlyArray<readonly [Dependency, Source]>, index: IndexLoader, opts: DependencyOptions) =>
  (d: DependencyDeps): TE.TaskEither<HelmError, ReadonlyArray<string>> => {
    const charts = joinPath(cd.dir, 'charts')
    return pipe(
      TE.fromIO(() => d.out(`Saving ${deps.length} charts`)),
      TE.chain(() =>
        TE.sequenceSeqArray(
          deps.map(([dep, src]) =>
            pipe(
              fetchDependency(dep, src, index, opts)(d),
              TE.chainFirstEitherKW((a) => fileIn('chart archive', charts, a.name)),
            ),
          ),
        ),
      ),
      TE.chainFirst(() => TE.fromIO(() => d.out('Deleting outdated charts'))),
      TE.chainFirst(() => d.files.makeDir(charts)),
      TE.chainFirst(() => removeOutdated(charts, new Set(deps.map(([dep]) => dep.name)))(d)),
      TE.chain((archives) => TE.sequenceSeqArray(archives.map((a) => d.files.write(charts, a.name, a.bytes)))),
    )
  }

/** Deletes the archives of charts/ that hold a chart named in `names` (they are about to be replaced). */
const removeOutdated =
  (charts: string, names: ReadonlySet<string>) =>
  (d: DependencyDeps): TE.TaskEither<HelmError, void> =>
    pipe(
      d.files.list(charts),
      TE.chain((entries) =>
        TE.sequenceSeqArray(
          entries
            .filter((e) => e.kind === 'file' && e.name.endsWith('.tgz'))
            .map((e) =>
              pipe(
                d.files.read(joinPath(charts, e.name)),
                T.map((bytes) => (E.isRight(bytes) ? loadChartArchive(bytes.right, e.name) : bytes)),
                TE.fold(
                  () => TE.right(undefined),
                  (chart) =>
                    names.has(chart.metadata.name) ? d.files.remove(joinPath(charts, e.name)) : TE.right(undefined),
                ),
              ),
            ),
        ),
      ),
      TE.map(() => undefined),
    )

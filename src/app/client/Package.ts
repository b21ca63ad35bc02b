import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { Chart } from '../../domain/chart/Chart'
import { checkDependencies } from '../../domain/chart/Dependencies'
import { chartArchiveBytes, chartArchiveName } from '../../domain/chart/Save'
import type { HelmError } from '../../domain/errors'
import { invalidArgument } from '../../domain/GeneralError'
import { fileIn } from '../../domain/path/SafePath'
import { provenanceMessage } from '../../domain/provenance/Provenance'
import { sha256Hex } from '../../domain/repo/RepoUrl'
import { parseVersion } from '../../domain/semver/Version'
import { loadChart } from './Charts'
import { dependencyUpdate } from './DependencyUpdate'
import type { ClientDeps, UseCase } from './Deps'
import { repoIndex } from './RepoIndex'

/** `helm package DIR`: where to, version overrides, `-u`, `--save`, and `--sign` with its key. */
export interface PackageRequest {
  readonly dir: string
  readonly destination: string
  readonly version?: string | undefined
  readonly appVersion?: string | undefined
  readonly dependencyUpdate?: boolean | undefined
  /** copy into $HELM_HOME/repository/local and reindex it, when that folder exists (Helm v2) */
  readonly save?: boolean | undefined
  readonly sign?:
    | { readonly key: string; readonly keyring: string; readonly passphrase: string | undefined }
    | undefined
}

/** Where the package went (and its copy in the local repository, when saved). */
export interface Packaged {
  readonly path: string
  readonly saved?: string | undefined
}

export type PackageDeps = Pick<ClientDeps, 'files' | 'home' | 'repos' | 'signatory' | 'clock' | 'out'>

/** Helm v2's local repository URL, which `package --save` indexes the local repository under. */
export const LOCAL_REPO_URL = 'http://127.0.0.1:8879/charts'

/**
 * `helm package`: (after `dependency update` when asked) loads the chart folder, applies `--version`/`--app-version`,
 * refuses missing dependencies, writes the reproducible NAME-VERSION.tgz into `destination`, copies it into the local
 * repository and reindexes it (when `save` and the folder exists), and writes a signed `.prov` when `sign`.
 * Left InvalidArgument (a version that is not semver), the loader's and signatory's errors, UnsafeFileName.
 */
export const packageChart =
  (req: PackageRequest): UseCase<PackageDeps, Packaged> =>
  (d) =>
    pipe(
      req.version !== undefined && E.isLeft(parseVersion(req.version))
        ? TE.left<HelmError, void>(invalidArgument('invalid semantic version'))
        : TE.right(undefined),
      TE.chain(() =>
        req.dependencyUpdate
          ? pipe(
              dependencyUpdate(req.dir)(d),
              TE.map(() => undefined),
            )
          : TE.right(undefined),
      ),
      TE.chain(() => loadChart(req.dir)(d)),
      TE.map(
        (loaded): Chart => ({
          ...loaded,
          metadata: {
            ...loaded.metadata,
            ...(req.version ? { version: req.version } : {}),
            ...(req.appVersion ? { appVersion: req.appVersion } : {}),
          },
        }),
      ),
      TE.chainFirstEitherKW((chart) => checkDependencies(chart, req.dir)),
      TE.bindTo('chart'),
      TE.let('name', ({ chart }) => chartArchiveName(chart.metadata)),
      TE.let('bytes', ({ chart }) => chartArchiveBytes(chart)),
      TE.chainFirstEitherKW(({ name }) => fileIn('chart archive', req.destination, name)),
      TE.bind('path', ({ name, bytes }) => d.files.write(req.destination, name, bytes)),
      TE.chainFirstIOK(
        ({ path }) =>
          () =>
            d.out(`Successfully packaged chart and saved it to: ${path}`),
      ),
      TE.bind('saved', ({ name, bytes }) => (req.save ? saveToLocal(name, bytes)(d) : TE.right(undefined))),
      TE.chainFirst(({ chart, name, bytes }) =>
        req.sign
          ? pipe(
              d.signatory.sign(
                provenanceMessage(chart.metadata, name, sha256Hex(bytes)),
                req.sign.key,
                req.sign.keyring,
                req.sign.passphrase,
              ),
              TE.chain((prov) => d.files.write(req.destination, `${name}.prov`, Buffer.from(prov))),
            )
          : TE.right(''),
      ),
      TE.map(({ path, saved }) => ({ path, saved })),
    )

/** Helm v2 also copies the package into $HELM_HOME/repository/local when that folder exists, and reindexes it. */
const saveToLocal =
  (name: string, bytes: Uint8Array) =>
  (d: PackageDeps): TE.TaskEither<HelmError, string | undefined> => {
    const local = d.home.layout.localRepository
    return pipe(
      d.files.stat(local),
      TE.chain((st) =>
        O.isSome(st) && st.value.kind === 'directory'
          ? pipe(
              d.files.write(local, name, bytes),
              TE.chainFirst(() => repoIndex({ dir: local, url: LOCAL_REPO_URL })(d)),
            )
          : TE.right(undefined),
      ),
    )
  }

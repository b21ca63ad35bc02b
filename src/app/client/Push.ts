import type * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { chartArtifact, rfc3339 } from '../../domain/oci/ChartArtifact'
import { pushNotArchive, schemeMissing, schemeUnsupported } from '../../domain/oci/OciError'
import { type OciReference, parseOciReference, referenceString } from '../../domain/oci/Reference'
import { joinPath, normalizePath } from '../../domain/path/SafePath'
import type { RepoAuth } from '../../ports/ChartRepository'
import { loadChart } from './Charts'
import type { ClientDeps, UseCase } from './Deps'
import { registryLines } from './OciPull'
import { registryAuth } from './RegistryCredentials'

/** `helm push CHART.tgz oci://REGISTRY/PATH`: the archive as typed and its absolute path, and how to reach the registry. */
export interface PushRequest {
  readonly chart: string
  readonly cwd: string
  readonly remote: string
  readonly auth: RepoAuth
  readonly dockerConfig?: string | undefined
  /** minutes east of UTC of the local zone at a moment (Go prints the archive's mtime in local time) */
  readonly zoneOffset: (epochMs: number) => number
}

/** What was pushed: the reference and the manifest digest Helm prints. */
export interface Pushed {
  readonly ref: string
  readonly digest: string
}

// url.Parse's scheme: letters, digits, + - . after a letter, before the first ':'
const schemeOf = (u: string): string => /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(u)?.[1]?.toLowerCase() ?? ''

/** A file's bytes, undefined when there is no such file. */
const readIfThere =
  (path: string) =>
  (d: Pick<ClientDeps, 'files'>): TE.TaskEither<HelmError, Uint8Array | undefined> =>
    pipe(
      d.files.read(path),
      TE.map((b): Uint8Array | undefined => b),
      TE.orElse(
        (e): TE.TaskEither<HelmError, Uint8Array | undefined> =>
          e._tag === 'FileNotFound' ? TE.right(undefined) : TE.left(e),
      ),
    )

/**
 * Helm 4's `helm push`: the archive (not a folder) is loaded as a chart, its `.prov` beside it is pushed as a layer,
 * and the artifact goes to `REMOTE/NAME:VERSION` (`+` as `_`) with the archive's modification time as its created
 * annotation, so the manifest digest is Helm's for the same file. The `Pushed:`/`Digest:` lines go to `warn`.
 * Left SchemeMissing, SchemeUnsupported, PushNotArchive, the loader's and the registry's errors.
 */
export const pushChart =
  (req: PushRequest): UseCase<Pick<ClientDeps, 'files' | 'home' | 'registry' | 'warn'>, Pushed> =>
  (d) => {
    const scheme = schemeOf(req.remote)
    if (scheme === '') return TE.left(schemeMissing)
    if (scheme !== 'oci') return TE.left(schemeUnsupported(scheme))
    const path = joinPath(req.cwd, req.chart)
    const mtime: TE.TaskEither<HelmError, number> = pipe(
      d.files.stat(path),
      TE.chain(
        O.match(
          () => TE.left<HelmError, number>(pushNotArchive(req.chart, false)),
          (st) => (st.kind === 'directory' ? TE.left(pushNotArchive(req.chart, true)) : TE.right(st.mtimeMs)),
        ),
      ),
    )
    return pipe(
      mtime,
      TE.bindTo('mtime'),
      TE.bind('chart', () => loadChart(path)(d)),
      TE.bind('bytes', () => d.files.read(path)),
      TE.bind('prov', () => readIfThere(`${path}.prov`)(d)),
      // path.Join(remote without oci://, NAME) + ":" + VERSION
      TE.bind('ref', ({ chart }) =>
        TE.fromEither(
          parseOciReference(
            `${normalizePath(`${req.remote.slice('oci://'.length)}/${chart.metadata.name}`)}:${chart.metadata.version}`,
          ) as E.Either<HelmError, OciReference>,
        ),
      ),
      TE.bind('auth', ({ ref }) => registryAuth(ref.registry, req.auth, req.dockerConfig)(d)),
      TE.chain(({ mtime, chart, bytes, prov, ref, auth }) => {
        const ms = Math.floor(mtime / 1000) * 1000
        const artifact = chartArtifact(bytes, chart, prov, rfc3339(ms, req.zoneOffset(ms)))
        return pipe(
          d.registry.push(ref, [artifact.config, ...artifact.layers], artifact.manifest, auth),
          TE.map((digest) => {
            const name = referenceString(ref)
            for (const line of registryLines('Pushed', name, digest)) d.warn(line)
            return { ref: name, digest }
          }),
        )
      }),
    )
  }

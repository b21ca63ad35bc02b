import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { invalidArgument } from '../../domain/GeneralError'
import { decodeManifest, type Descriptor, type Manifest, MediaTypes } from '../../domain/oci/Manifest'
import { invalidManifest, missingConfig, missingLayer, tooFewDescriptors } from '../../domain/oci/OciError'
import { type OciReference, referenceString } from '../../domain/oci/Reference'
import type { ChartRegistry, RegistryAuth } from '../../ports/ChartRegistry'

/** What `helm` pulls of a chart artifact: the chart layer, the provenance layer, or both. */
export interface PullOptions {
  readonly chart: boolean
  readonly prov: boolean
}

/** A pulled chart artifact: the reference and manifest digest Helm prints, the chart and .prov bytes asked for. */
export interface Pulled {
  readonly ref: string
  readonly digest: string
  readonly chart?: Uint8Array | undefined
  readonly prov?: Uint8Array | undefined
}

// registry.go's registryUnderscoreMessage (helm/helm#10166)
const UNDERSCORE = `
OCI artifact references (e.g. tags) do not support the plus sign (+). To support
storing semantic versions, Helm adopts the convention of changing plus (+) to
an underscore (_) in chart version tags when pushing to a registry and back to
a plus (+) when pulling from a registry.`

/** The lines Helm's registry client prints (on stderr) after a pull or a push. */
export const registryLines = (verb: 'Pulled' | 'Pushed', ref: string, digest: string): ReadonlyArray<string> => [
  `${verb}: ${ref}`,
  `Digest: ${digest}`,
  ...(ref.includes('_') ? [`${ref} contains an underscore.`, UNDERSCORE] : []),
]

const byType = (ds: ReadonlyArray<Descriptor>, type: string): Descriptor | undefined =>
  ds.filter((x) => x.mediaType === type).at(-1)

/**
 * Helm 4's Client.Pull: the manifest at `ref`, its config (which must be there and read as JSON) and the layers
 * asked for, each blob checked against its digest by the registry port. `warn` gets the `Pulled:`/`Digest:` lines
 * and the legacy media type warning. Left MissingConfig, MissingLayer, InvalidManifest and the registry's errors.
 */
export const pullArtifact = (
  registry: ChartRegistry,
  ref: OciReference,
  opts: PullOptions,
  auth: RegistryAuth,
  warn: (line: string) => void,
): TE.TaskEither<HelmError, Pulled> => {
  const name = referenceString(ref)
  return pipe(
    registry.manifest(ref, auth),
    TE.bindTo('fetched'),
    TE.bind('manifest', ({ fetched }) =>
      TE.fromEither(decodeManifest(name, fetched.contentType, fetched.bytes) as E.Either<HelmError, Manifest>),
    ),
    TE.bind('parts', ({ fetched, manifest }) => {
      const all = [manifest.config, ...manifest.layers]
      const config = byType(all, MediaTypes.config)
      const legacy = byType(all, MediaTypes.legacyChart)
      const chart = byType(all, MediaTypes.chart) ?? legacy
      const prov = byType(all, MediaTypes.prov)
      const wanted = 1 + (opts.chart ? 1 : 0) + (opts.prov ? 1 : 0)
      const types: ReadonlyArray<string> = [
        MediaTypes.config,
        ...(opts.chart ? [MediaTypes.chart, MediaTypes.legacyChart] : []),
        ...(opts.prov ? [MediaTypes.prov] : []),
      ]
      const allowed = all.filter((x) => types.includes(x.mediaType))
      if (!opts.chart && !opts.prov)
        return TE.left(invalidArgument('must specify at least one layer to pull (chart/prov)'))
      // Helm 4 counts what oras.Copy kept: the manifest itself (its media type allowed) and the allowed blobs
      const root = fetched.contentType === MediaTypes.manifest || fetched.contentType === MediaTypes.index ? 1 : 0
      if (root + allowed.length < wanted) return TE.left(tooFewDescriptors(wanted, root + allowed.length))
      if (!config) return TE.left(missingConfig(MediaTypes.config))
      if (opts.chart && !chart) return TE.left(missingLayer(MediaTypes.chart))
      if (opts.prov && !prov) return TE.left(missingLayer(MediaTypes.prov))
      if (opts.chart && chart === legacy) warn(`Warning: chart media type ${MediaTypes.legacyChart} is deprecated`)
      return TE.right({ config, chart: opts.chart ? chart : undefined, prov: opts.prov ? prov : undefined })
    }),
    TE.chainFirst(({ parts }) =>
      pipe(
        registry.blob(ref, parts.config, auth),
        TE.chainEitherKW((bytes) =>
          E.tryCatch(
            () => JSON.parse(new TextDecoder().decode(bytes)) as unknown,
            (err) => invalidManifest(name, `config: ${err instanceof Error ? err.message : String(err)}`),
          ),
        ),
      ),
    ),
    TE.bind('chart', ({ parts }) => (parts.chart ? registry.blob(ref, parts.chart, auth) : TE.right(undefined))),
    TE.bind('prov', ({ parts }) => (parts.prov ? registry.blob(ref, parts.prov, auth) : TE.right(undefined))),
    TE.map(({ fetched, chart, prov }) => {
      for (const line of registryLines('Pulled', name, fetched.digest)) warn(line)
      return { ref: name, digest: fetched.digest, chart, prov }
    }),
  )
}

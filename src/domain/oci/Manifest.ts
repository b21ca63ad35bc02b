import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as t from 'io-ts'
import { sha256Hex } from '../repo/RepoUrl'
import { digestProblem } from './Reference'
import { invalidManifest, type OciError } from './OciError'

/** Helm's media types (pkg/registry/constants.go) and the OCI image spec's manifest and index types. */
export const MediaTypes = {
  config: 'application/vnd.cncf.helm.config.v1+json',
  chart: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip',
  prov: 'application/vnd.cncf.helm.chart.provenance.v1.prov',
  legacyChart: 'application/tar+gzip',
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  index: 'application/vnd.oci.image.index.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
} as const

/** What a registry is asked to answer a manifest request with (oras-go's manifest media types, in its order). */
export const manifestAccept = [
  MediaTypes.dockerManifest,
  MediaTypes.dockerList,
  MediaTypes.manifest,
  MediaTypes.index,
  'application/vnd.oci.artifact.manifest.v1+json',
].join(', ')

/** A content descriptor: media type, `sha256:` digest and size of a blob. */
export interface Descriptor {
  readonly mediaType: string
  readonly digest: string
  readonly size: number
}

/** A blob at hand with its descriptor (pushed as is). */
export interface Blob extends Descriptor {
  readonly bytes: Uint8Array
}

/** The descriptor of `bytes` under `mediaType` (oras.PushBytes). */
export const blobOf = (mediaType: string, bytes: Uint8Array): Blob => ({
  mediaType,
  digest: `sha256:${sha256Hex(bytes)}`,
  size: bytes.length,
  bytes,
})

/** An OCI image manifest (what Helm writes and reads): a config, layers and annotations. */
export interface Manifest {
  readonly mediaType?: string | undefined
  readonly config: Descriptor
  readonly layers: ReadonlyArray<Descriptor>
  readonly annotations?: Readonly<Record<string, string>> | undefined
}

const json = (v: unknown): string => JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, goEscape)
// Go's encoding/json escapes <, >, & and the JS line separators
function goEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
}

const descriptorJson = (d: Descriptor): string =>
  `{"mediaType":${json(d.mediaType)},"digest":${json(d.digest)},"size":${d.size}}`

/**
 * The manifest's bytes as Helm 4's tagManifest marshals ocispec.Manifest: schemaVersion, config, layers and the
 * annotations with their keys sorted (a Go map), no mediaType field.
 */
export const manifestBytes = (m: Manifest): Uint8Array => {
  const annotations = Object.keys(m.annotations ?? {})
    .sort()
    .map((k) => `${json(k)}:${json(m.annotations?.[k])}`)
  const text =
    `{"schemaVersion":2,${m.mediaType ? `"mediaType":${json(m.mediaType)},` : ''}"config":${descriptorJson(m.config)},` +
    `"layers":[${m.layers.map(descriptorJson).join(',')}]` +
    (annotations.length > 0 ? `,"annotations":{${annotations.join(',')}}` : '') +
    '}'
  return new Uint8Array(Buffer.from(text, 'utf8'))
}

const DescriptorC = t.type({ mediaType: t.string, digest: t.string, size: t.number })
const ManifestC = t.intersection([
  t.type({ schemaVersion: t.number, config: DescriptorC, layers: t.array(DescriptorC) }),
  t.partial({ mediaType: t.string, annotations: t.record(t.string, t.string) }),
])

const checkDescriptor = (ref: string, d: Descriptor): E.Either<OciError, Descriptor> => {
  const bad = digestProblem(d.digest)
  if (bad) return E.left(invalidManifest(ref, `descriptor digest ${JSON.stringify(d.digest)}: ${bad}`))
  if (!Number.isSafeInteger(d.size) || d.size < 0)
    return E.left(invalidManifest(ref, `descriptor ${d.digest} has an invalid size ${d.size}`))
  return E.right(d)
}

/**
 * Reads an image manifest from a registry's answer (`contentType` its Content-Type): an image index, a Docker
 * manifest list or anything but a JSON image manifest is refused, as are descriptors with a malformed digest or
 * size. Left InvalidManifest naming the reference.
 */
export const decodeManifest = (ref: string, contentType: string, bytes: Uint8Array): E.Either<OciError, Manifest> => {
  const type = contentType.split(';')[0]?.trim() ?? ''
  if (type === MediaTypes.index || type === MediaTypes.dockerList)
    return E.left(invalidManifest(ref, `${type} is an index of several artifacts, not a chart`))
  let doc: unknown
  try {
    doc = JSON.parse(Buffer.from(bytes).toString('utf8'))
  } catch (err) {
    return E.left(invalidManifest(ref, err instanceof Error ? err.message : String(err)))
  }
  return pipe(
    ManifestC.decode(doc),
    E.mapLeft(() => invalidManifest(ref, 'not an OCI image manifest (schemaVersion, config and layers)')),
    E.chain((m) =>
      m.mediaType !== undefined && m.mediaType !== MediaTypes.manifest && m.mediaType !== MediaTypes.dockerManifest
        ? E.left(invalidManifest(ref, `unsupported manifest media type ${m.mediaType}`))
        : E.right(m),
    ),
    E.chain((m) =>
      pipe(
        [m.config, ...m.layers],
        E.traverseArray((d) => checkDescriptor(ref, d)),
        E.map(
          ([config, ...layers]): Manifest => ({
            mediaType: m.mediaType,
            config: config as Descriptor,
            layers,
            annotations: m.annotations,
          }),
        ),
      ),
    ),
  )
}

/** The sha256 digest of bytes, as registries name content (`sha256:HEX`). */
export const digestOf = (bytes: Uint8Array): string => `sha256:${sha256Hex(bytes)}`

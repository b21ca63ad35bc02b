import * as E from 'fp-ts/Either'
import { parse as parseYaml } from 'yaml'
import type { Metadata } from '../chart/Chart'
import { marshalChartFile } from '../chart/Save'
import { checksumMismatch, provenanceInvalid, type RepoError } from '../repo/RepoError'
import { lineAt, yamlDepthReason, yamlTooDeep } from '../yaml/Depth'

/** What a `.prov` file's signed body says: the chart's Chart.yaml text and `files:` name → `sha256:<hex>`. */
export interface ProvenanceBody {
  readonly metadata: string
  readonly files: Readonly<Record<string, string>>
}

/**
 * The text Helm clear-signs for an archive: Chart.yaml (marshalled, keys sorted), then the YAML document end
 * marker `...` (a `---` line would be illegal inside a clear-signed block), then `files: {NAME: sha256:HEX}`.
 */
export const provenanceMessage = (metadata: Metadata, archiveName: string, sha256Hex: string): string =>
  `${marshalChartFile(metadata)}\n...\nfiles:\n  ${archiveName}: sha256:${sha256Hex}\n`

const BEGIN = '-----BEGIN PGP SIGNED MESSAGE-----'
const SIG = '-----BEGIN PGP SIGNATURE-----'

/** The cleartext of a clear-signed message (armor headers dropped, dash-escaping undone); Left ProvenanceInvalid. */
export const clearsignedText = (path: string, prov: string): E.Either<RepoError, string> => {
  const text = prov.replace(/\r\n/g, '\n')
  const start = text.indexOf(BEGIN)
  const end = text.indexOf(`\n${SIG}`)
  if (start < 0 || end < 0 || end < start) return E.left(provenanceInvalid(path, 'no clear-signed block found'))
  const afterHeader = text.indexOf('\n\n', start)
  if (afterHeader < 0 || afterHeader > end) return E.left(provenanceInvalid(path, 'malformed clear-signed block'))
  const body = text.slice(afterHeader + 2, end)
  return E.right(
    body
      .split('\n')
      .map((l) => (l.startsWith('- ') ? l.slice(2) : l))
      .join('\n'),
  )
}

/** Parses the signed body of a `.prov` file. Left ProvenanceInvalid when there is no `files:` section. */
export const parseProvenanceBody = (path: string, cleartext: string): E.Either<RepoError, ProvenanceBody> => {
  const at = cleartext.indexOf('\n...\n')
  if (at < 0) return E.left(provenanceInvalid(path, 'message block must have at least two parts'))
  let sums: unknown
  const body = cleartext.slice(at + 5)
  const deep = yamlTooDeep(body)
  if (deep !== undefined) return E.left(provenanceInvalid(path, `yaml: line ${lineAt(body, deep)}: ${yamlDepthReason}`))
  try {
    sums = parseYaml(body)
  } catch (err) {
    return E.left(provenanceInvalid(path, err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err)))
  }
  const files = (sums as { files?: unknown } | null)?.files
  if (typeof files !== 'object' || files === null || Array.isArray(files))
    return E.left(provenanceInvalid(path, 'no files: section in the provenance record'))
  return E.right({
    metadata: cleartext.slice(0, at),
    files: Object.fromEntries(Object.entries(files).map(([k, v]) => [k, String(v)])),
  })
}

/** Checks the archive's sha256 against the one the provenance names for it; Left ChecksumMismatch. */
export const checkArchiveDigest = (
  body: ProvenanceBody,
  archiveName: string,
  sha256Hex: string,
): E.Either<RepoError, string> => {
  const expected = body.files[archiveName] ?? ''
  const actual = `sha256:${sha256Hex}`
  return expected === actual ? E.right(actual) : E.left(checksumMismatch(archiveName, expected, actual))
}

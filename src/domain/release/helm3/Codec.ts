// Helm 3/4's storage form of a release (pkg/storage/driver/util.go encodeRelease/decodeRelease): the JSON of
// the release, gzip at best compression, standard base64 — the string a ConfigMap's `data.release` holds
// (a Secret holds its bytes, base64ed once more on the wire).
import { Buffer } from 'node:buffer'
import { constants, gunzipSync, gzipSync } from 'node:zlib'
import * as E from 'fp-ts/Either'
import type * as t from 'io-ts'
import type { Release } from '../Release'
import { releaseCorrupt, type StoreError } from '../StoreError'
import { releaseJsonOf, releaseOfJson } from './Convert'
import { readJson } from './GoJson'
import { ReleaseC, writeRelease } from './Record'

/** The largest release JSON a record may unpack to: a gzip bomb stops here (Helm's own records stay far below). */
export const maxRecordBytes = 32 * 1024 * 1024

const MAGIC = [0x1f, 0x8b, 0x08]

/** The JSON text of a release as Helm 4.1.4 writes it (`json.Marshal`), with the Wheelhouse extension where needed. */
export const helm3ReleaseJson = (r: Release): string => writeRelease(releaseJsonOf(r))

/** The storage string of a release: base64 of the gzipped JSON. */
export const encodeHelm3Release = (r: Release): string =>
  gzipSync(Buffer.from(helm3ReleaseJson(r), 'utf8'), { level: constants.Z_BEST_COMPRESSION }).toString('base64')

// io-ts's errors as one line: where in the record, and what was there
const shapeError = (errs: t.Errors): string => {
  const e = errs[0]
  if (e === undefined) return 'not a release record'
  const path = e.context
    .map((c) => c.key)
    .filter((k) => k !== '' && !/^\d+$/.test(k))
    .join('.')
  const found = e.value === null ? 'null' : Array.isArray(e.value) ? 'array' : typeof e.value
  return `${path || 'record'}: unexpected ${found} (want ${e.context.at(-1)?.type.name ?? 'a value'})`
}

/** The release of a record's JSON text; `labels` are the record object's own (non-Helm) labels. ReleaseCorrupt. */
export const decodeHelm3Json = (
  json: string,
  labels: Readonly<Record<string, string>> = {},
): E.Either<StoreError, Release> => {
  let doc: unknown
  try {
    doc = readJson(json)
  } catch (err) {
    return E.left(releaseCorrupt(err instanceof Error ? err.message : String(err)))
  }
  const shaped = ReleaseC.decode(doc)
  if (E.isLeft(shaped)) return E.left(releaseCorrupt(shapeError(shaped.left)))
  try {
    return E.mapLeft(releaseCorrupt)(releaseOfJson(shaped.right, labels))
  } catch (err) {
    return E.left(releaseCorrupt(err instanceof Error ? err.message : String(err)))
  }
}

/**
 * Decodes a record's storage string as Helm does (data without the gzip magic is read as plain JSON), refusing
 * what Helm's strict base64 refuses and whatever unpacks beyond `limit` bytes. Fails with ReleaseCorrupt.
 */
export const decodeHelm3Release = (
  data: string,
  labels: Readonly<Record<string, string>> = {},
  limit: number = maxRecordBytes,
): E.Either<StoreError, Release> => {
  const b64 = data.replace(/[\r\n]/g, '')
  if (b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) return E.left(releaseCorrupt('illegal base64 data'))
  let raw: Buffer = Buffer.from(b64, 'base64')
  if (raw.length > 3 && MAGIC.every((m, i) => raw[i] === m)) {
    try {
      raw = gunzipSync(raw, { maxOutputLength: limit })
    } catch (err) {
      const code = (err as { code?: string }).code
      return E.left(
        releaseCorrupt(
          code === 'ERR_BUFFER_TOO_LARGE'
            ? `the record unpacks to more than ${limit} bytes`
            : `gzip: ${err instanceof Error ? err.message : String(err)}`,
        ),
      )
    }
  } else if (raw.length > limit) return E.left(releaseCorrupt(`the record holds more than ${limit} bytes`))
  return decodeHelm3Json(raw.toString('utf8'), labels)
}

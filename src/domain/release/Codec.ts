import { Buffer } from 'node:buffer'
import { gunzipSync, gzipSync, constants } from 'node:zlib'
import * as E from 'fp-ts/Either'
import { GoInt, type IntKind } from '../template/gotpl/value'
import type { Release } from './Release'
import { releaseCorrupt, type StoreError } from './StoreError'

// Uint8Array fields (chart templates and files) travel as {"$bytes": "<base64>"}, Go integers that may sit
// in values as {"$int": "<digits>", "kind": "int64"}
const BYTES = '$bytes'
const INT = '$int'

const replacer = function (this: unknown, _key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return { [BYTES]: Buffer.from(value).toString('base64') }
  if (value instanceof GoInt) return { [INT]: value.value.toString(), kind: value.kind }
  if (typeof value === 'bigint') return { [INT]: value.toString(), kind: 'int64' }
  return value
}
const reviver = (_key: string, value: unknown): unknown => {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const o = value as Record<string, unknown>
    const keys = Object.keys(o)
    if (keys.length === 1 && keys[0] === BYTES) return new Uint8Array(Buffer.from(String(o[BYTES]), 'base64'))
    if (keys.length === 2 && INT in o && 'kind' in o) return new GoInt(BigInt(String(o[INT])), o.kind as IntKind)
  }
  return value
}

/**
 * The storage form of a release: JSON, gzip (best compression), base64 — the string a ConfigMap's
 * `data.release` holds. (Helm v2 stores protobuf there; this pair is the one place that will change.)
 */
export const encodeRelease = (r: Release): string =>
  gzipSync(Buffer.from(JSON.stringify(r, replacer), 'utf8'), { level: constants.Z_BEST_COMPRESSION }).toString('base64')

/**
 * Decodes `encodeRelease`'s output; like Helm, accepts data that was never gzipped (no `1f 8b 08` magic).
 * Fails with ReleaseCorrupt.
 */
export const decodeRelease = (data: string): E.Either<StoreError, Release> =>
  E.tryCatch(
    () => {
      const raw = Buffer.from(data, 'base64')
      const json = raw[0] === 0x1f && raw[1] === 0x8b && raw[2] === 0x08 ? gunzipSync(raw) : raw
      const r = JSON.parse(json.toString('utf8'), reviver) as Release
      if (typeof r !== 'object' || r === null || typeof r.name !== 'string' || typeof r.version !== 'number')
        throw new Error('not a release record')
      return r
    },
    (err) => releaseCorrupt(err instanceof Error ? err.message : String(err)),
  )

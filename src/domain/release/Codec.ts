import { Buffer } from 'node:buffer'
import { gunzipSync, gzipSync, constants } from 'node:zlib'
import * as E from 'fp-ts/Either'
import { chartReadMessage } from '../chart/ChartError'
import {
  type ProtoInfo,
  type ProtoRelease,
  fromProtoInfo,
  fromProtoRelease,
  toProtoInfo,
  toProtoRelease,
} from './proto/ReleaseMessage'
import { decodeEarlyRecord } from './EarlyRecord'
import { InfoSchema, ReleaseSchema } from './proto/Schema'
import { decodeWire, encodeWire } from './proto/Wire'
import type { Info, Release } from './Release'
import { releaseCorrupt, type StoreError } from './StoreError'

/**
 * The storage form of a release, as Helm v2's storage drivers write it: the `hapi.release.Release`
 * protobuf message, gzip (best compression), base64 — the string a ConfigMap's `data.release` holds. The
 * chart's values travel as their values.yaml text, so they read back as Helm parses them.
 */
export const encodeRelease = (r: Release): string =>
  gzipSync(encodeWire(ReleaseSchema, toProtoRelease(r) as Record<string, unknown>), {
    level: constants.Z_BEST_COMPRESSION,
  }).toString('base64')

/** Helm v2's gRPC message cap (20 MiB) less room for the rest of an answer: the largest release Tiller keeps. */
export const maxReleaseBytes = 20 * 1024 * 1024 - 256 * 1024

// Per encoded item, more than protobuf spends besides its content: a tag (2 bytes up to field 2047) and a length
// (5 bytes up to 4 GiB), or a varint (10 bytes) or a fixed64; a map entry is a message of two such fields.
const ITEM = 32

/** More than the encoded size of a protobuf-shaped value: every string as 3 bytes per UTF-16 unit, any key counted. */
const sizeBound = (v: unknown): number => {
  if (typeof v === 'string') return 3 * v.length + ITEM
  if (v instanceof Uint8Array) return v.length + ITEM
  if (v === null || v === undefined) return 0
  if (typeof v !== 'object') return ITEM
  let n = ITEM
  if (Array.isArray(v)) for (const x of v) n += sizeBound(x) + ITEM
  else for (const k in v) n += 3 * k.length + ITEM + sizeBound((v as Record<string, unknown>)[k])
  return n
}

/**
 * Whether a release's message stays within `limit` bytes, and its size when that had to be measured: a bound
 * walked over the message's fields answers without encoding when it is under the limit; only a release near or
 * past the limit is encoded.
 */
export const releaseWithin = (r: Release, limit: number): { readonly within: boolean; readonly size?: number } => {
  const proto = toProtoRelease(r)
  if (sizeBound(proto) <= limit) return { within: true }
  const size = encodeWire(ReleaseSchema, proto as Record<string, unknown>).length
  return { within: size <= limit, size }
}

/**
 * Decodes `encodeRelease`'s output (or a Helm v2 Tiller's record); like Helm, accepts data that was never
 * gzipped (no `1f 8b 08` magic), and reads the JSON records of earlier Wheelhouse builds. Fails with ReleaseCorrupt.
 */
export const decodeRelease = (data: string): E.Either<StoreError, Release> => {
  let raw: Buffer
  try {
    const b = Buffer.from(data, 'base64')
    raw = b[0] === 0x1f && b[1] === 0x8b && b[2] === 0x08 ? gunzipSync(b) : b
  } catch (err) {
    return E.left(releaseCorrupt(err instanceof Error ? err.message : String(err)))
  }
  const early = decodeEarlyRecord(raw)
  if (early) return early
  let proto: ProtoRelease
  try {
    proto = decodeWire(ReleaseSchema, raw) as ProtoRelease
  } catch (err) {
    return E.left(releaseCorrupt(err instanceof Error ? err.message : String(err)))
  }
  if (!proto.name || !proto.chart) return E.left(releaseCorrupt('not a release record'))
  const r = fromProtoRelease(proto)
  return E.isLeft(r) ? E.left(releaseCorrupt(chartReadMessage(r.left))) : r
}

/** A release's Info alone, as the `hapi.release.Info` message in base64 (what the head of a split record holds). */
export const encodeInfo = (i: Info): string =>
  Buffer.from(encodeWire(InfoSchema, toProtoInfo(i) as Record<string, unknown>)).toString('base64')

/** Decodes `encodeInfo`'s output; ReleaseCorrupt when it is not an Info message. */
export const decodeInfo = (data: string): E.Either<StoreError, Info> => {
  try {
    return E.right(fromProtoInfo(decodeWire(InfoSchema, Buffer.from(data, 'base64')) as ProtoInfo))
  } catch (err) {
    return E.left(releaseCorrupt(err instanceof Error ? err.message : String(err)))
  }
}

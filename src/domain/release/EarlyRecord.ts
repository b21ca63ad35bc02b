// The JSON release records of the first Wheelhouse builds (before storage became Helm v2's protobuf message):
// `JSON.stringify` of the Release model of that time, gzip, base64, where Uint8Array fields travel as
// {"$bytes": "<base64>"} and Go integers in values as {"$int": "<digits>", "kind": "int64"}. Still read, so
// that no release an early build stored is lost; checked field by field with io-ts like every other boundary.
import { Buffer } from 'node:buffer'
import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import type { Chart } from '../chart/Chart'
import { GoInt, type IntKind, type Value } from '../go/Value'
import type { HookDeletePolicy, HookEvent } from '../manifest/Hook'
import { firstProblem } from '../repo/Decode'
import type { Release, StatusCode } from './Release'
import { releaseCorrupt, type StoreError } from './StoreError'

const BYTES = '$bytes'
const INT = '$int'
// Each integer kind's width; `u…` kinds are unsigned (Go's int and uint are 64 bits wide here).
const intBits: Record<IntKind, number> = {
  int: 64,
  int64: 64,
  int32: 32,
  int16: 16,
  int8: 8,
  uint: 64,
  uint64: 64,
  uint32: 32,
  uint16: 16,
  uint8: 8,
}
const isIntKind = (k: unknown): k is IntKind => typeof k === 'string' && Object.hasOwn(intBits, k)
const fits = (n: bigint, k: IntKind): boolean =>
  (k.startsWith('u') ? BigInt.asUintN(intBits[k], n) : BigInt.asIntN(intBits[k], n)) === n

/** The marked forms back to their values; a marker with a wrong payload stays an object (the codec refuses it). */
const reviver = (_key: string, value: unknown): unknown => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value
  const o = value as Record<string, unknown>
  const keys = Object.keys(o)
  if (keys.length === 1 && keys[0] === BYTES && typeof o[BYTES] === 'string')
    return new Uint8Array(Buffer.from(o[BYTES], 'base64'))
  if (keys.length === 2 && typeof o[INT] === 'string' && /^-?\d+$/.test(o[INT]) && isIntKind(o.kind)) {
    const n = BigInt(o[INT])
    if (fits(n, o.kind)) return new GoInt(n, o.kind)
  }
  return value
}

const Bytes = new t.Type<Uint8Array, Uint8Array, unknown>(
  'bytes',
  (u): u is Uint8Array => u instanceof Uint8Array,
  (u, c) => (u instanceof Uint8Array ? t.success(u) : t.failure(u, c)),
  t.identity,
)

const isPlainObject = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && Object.getPrototypeOf(u) === Object.prototype

/** A {$bytes} or {$int, kind} marker the reviver could not read (bad base64 payload type, kind or range). */
const isMarker = (o: Record<string, unknown>): boolean => {
  const keys = Object.keys(o)
  return (keys.length === 1 && keys[0] === BYTES) || (keys.length === 2 && INT in o && 'kind' in o)
}

/** A value of a chart's values: what YAML and JSON give (a Go integer included), to any depth. */
const isGoValue = (u: unknown): boolean =>
  u === null ||
  typeof u === 'string' ||
  typeof u === 'number' ||
  typeof u === 'boolean' ||
  u instanceof GoInt ||
  u instanceof Uint8Array ||
  (Array.isArray(u) && u.every(isGoValue)) ||
  (isPlainObject(u) && !isMarker(u) && Object.values(u).every(isGoValue))

const GoMapC = new t.Type<Record<string, Value>, Record<string, Value>, unknown>(
  'map[string]interface{}',
  (u): u is Record<string, Value> => isPlainObject(u),
  (u, c) => (isPlainObject(u) && isGoValue(u) ? t.success(u as Record<string, Value>) : t.failure(u, c)),
  t.identity,
)

const Int = new t.Type<number, number, unknown>(
  'int',
  (u): u is number => typeof u === 'number',
  (u, c) => (typeof u === 'number' && Number.isSafeInteger(u) ? t.success(u) : t.failure(u, c)),
  t.identity,
)

const TimestampC = t.type({ seconds: Int, nanos: Int })
const statusCodes: Record<StatusCode, null> = {
  UNKNOWN: null,
  DEPLOYED: null,
  DELETED: null,
  SUPERSEDED: null,
  FAILED: null,
  DELETING: null,
  PENDING_INSTALL: null,
  PENDING_UPGRADE: null,
  PENDING_ROLLBACK: null,
}
const hookEvents: Record<HookEvent, null> = {
  UNKNOWN: null,
  PRE_INSTALL: null,
  POST_INSTALL: null,
  PRE_DELETE: null,
  POST_DELETE: null,
  PRE_UPGRADE: null,
  POST_UPGRADE: null,
  PRE_ROLLBACK: null,
  POST_ROLLBACK: null,
  RELEASE_TEST_SUCCESS: null,
  RELEASE_TEST_FAILURE: null,
  CRD_INSTALL: null,
}
const deletePolicies: Record<HookDeletePolicy, null> = { SUCCEEDED: null, FAILED: null, BEFORE_HOOK_CREATION: null }

const TestRunC = t.exact(
  t.intersection([
    t.type({
      name: t.string,
      status: t.keyof({ UNKNOWN: null, SUCCESS: null, FAILURE: null, RUNNING: null }),
      info: t.string,
    }),
    t.partial({ startedAt: TimestampC, completedAt: TimestampC }),
  ]),
)
const TestSuiteC = t.exact(
  t.intersection([
    t.type({ results: t.readonlyArray(TestRunC) }),
    t.partial({ startedAt: TimestampC, completedAt: TimestampC }),
  ]),
)
const StatusC = t.exact(
  t.intersection([
    t.type({ code: t.keyof(statusCodes) }),
    t.partial({ resources: t.string, notes: t.string, lastTestSuiteRun: TestSuiteC }),
  ]),
)
const InfoC = t.exact(
  t.intersection([
    t.type({ status: StatusC, description: t.string }),
    t.partial({ firstDeployed: TimestampC, lastDeployed: TimestampC, deleted: TimestampC }),
  ]),
)
const HookC = t.exact(
  t.intersection([
    t.type({
      name: t.string,
      kind: t.string,
      path: t.string,
      manifest: t.string,
      events: t.readonlyArray(t.keyof(hookEvents)),
      weight: Int,
      deletePolicies: t.readonlyArray(t.keyof(deletePolicies)),
      deleteTimeout: Int,
    }),
    t.partial({ lastRun: TimestampC }),
  ]),
)

const ImportValueC = t.union([t.string, t.exact(t.type({ child: t.string, parent: t.string }))])
const DependencyC = t.exact(
  t.intersection([
    t.type({ name: t.string }),
    t.partial({
      version: t.string,
      repository: t.string,
      condition: t.string,
      tags: t.readonlyArray(t.string),
      enabled: t.boolean,
      importValues: t.readonlyArray(ImportValueC),
      alias: t.string,
    }),
  ]),
)
const MetadataC = t.exact(
  t.intersection([
    t.type({ apiVersion: t.string, name: t.string, version: t.string }),
    t.partial({
      kubeVersion: t.string,
      description: t.string,
      type: t.string,
      keywords: t.readonlyArray(t.string),
      home: t.string,
      sources: t.readonlyArray(t.string),
      dependencies: t.readonlyArray(DependencyC),
      maintainers: t.readonlyArray(t.exact(t.partial({ name: t.string, email: t.string, url: t.string }))),
      icon: t.string,
      appVersion: t.string,
      deprecated: t.boolean,
      annotations: t.readonly(t.record(t.string, t.string)),
      engine: t.string,
      tillerVersion: t.string,
      condition: t.string,
      tags: t.string,
    }),
  ]),
)
const ChartFileC = t.exact(t.type({ path: t.string, data: Bytes }))
const LockC = t.exact(t.type({ generated: t.string, digest: t.string, dependencies: t.readonlyArray(DependencyC) }))
const ChartC: t.Type<Chart, Chart, unknown> = t.recursion('Chart', () => ChartType)
const ChartShape = t.exact(
  t.intersection([
    t.type({
      metadata: MetadataC,
      requirements: t.readonlyArray(DependencyC),
      templates: t.readonlyArray(ChartFileC),
      values: GoMapC,
      rawValues: t.string,
      files: t.readonlyArray(ChartFileC),
      dependencies: t.readonlyArray(ChartC),
    }),
    t.partial({ lock: LockC, schema: Bytes }),
  ]),
)
// io-ts's encode side cannot take the model's `?: T | undefined` fields, so the codec is typed by what it
// decodes, which is checked to be a Chart at compile time (only decoding is used here).
const asChart = (c: t.TypeOf<typeof ChartShape>): Chart => c
const ChartType = new t.Type<Chart, Chart, unknown>(
  'Chart',
  (u): u is Chart => ChartShape.is(u),
  (u, c) => E.map(asChart)(ChartShape.validate(u, c)),
  t.identity,
)
const ReleaseC = t.exact(
  t.type({
    name: t.string,
    info: InfoC,
    chart: ChartC,
    config: t.exact(t.type({ raw: t.string })),
    manifest: t.string,
    hooks: t.readonlyArray(HookC),
    version: Int,
    namespace: t.string,
  }),
)

/**
 * Reads an early build's JSON record: undefined when the bytes are no JSON (a protobuf message may begin with
 * the same `{` byte); ReleaseCorrupt naming the first field that is missing or wrong when they are JSON but
 * not such a record.
 */
export const decodeEarlyRecord = (raw: Uint8Array): E.Either<StoreError, Release> | undefined => {
  if (raw[0] !== 0x7b) return undefined
  let doc: unknown
  try {
    doc = JSON.parse(Buffer.from(raw).toString('utf8'), reviver)
  } catch {
    return undefined
  }
  const r = ReleaseC.decode(doc)
  if (E.isLeft(r)) return E.left(releaseCorrupt(`release record of an earlier build: ${firstProblem(r.left)}`))
  const release: Release = r.right
  return E.right(release)
}

import * as E from 'fp-ts/Either'
import type { Predicate } from 'fp-ts/Predicate'
import type * as TE from 'fp-ts/TaskEither'
import { type Release, releaseLabels } from '../../domain/release/Release'
import { releaseConflict, releaseExists, releaseNotFound, type StoreError } from '../../domain/release/StoreError'
import type { ReleaseStore } from '../../ports/ReleaseStore'

const io =
  <A>(f: () => E.Either<StoreError, A>): TE.TaskEither<StoreError, A> =>
  () =>
    Promise.resolve().then(f)

// plain objects, arrays and bytes are copied; other objects (Go integers, structs) are immutable and shared
const deepCopy = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(deepCopy)
  if (v instanceof Uint8Array) return v.slice()
  if (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) out[k] = deepCopy(x)
    return out
  }
  return v
}

/**
 * Helm's memory driver: records live in a Map for the life of the process. Records are copied in and
 * out so a caller can never change what is stored behind the store's back.
 */
export const memoryStore = (): ReleaseStore => {
  const records = new Map<string, Release>()
  const copy = (r: Release): Release => deepCopy(r) as Release
  const all = (keep: Predicate<Release>): ReadonlyArray<Release> => [...records.values()].filter(keep).map(copy)
  return {
    name: 'memory',
    get: (key) =>
      io(() => {
        const r = records.get(key)
        return r === undefined ? E.left(releaseNotFound(key)) : E.right(copy(r))
      }),
    list: (keep) => io(() => E.right(all(keep))),
    query: (labels) =>
      io(() => {
        const want = Object.entries(labels)
        return E.right(
          all((r) => {
            const have = releaseLabels(r)
            return want.every(([k, v]) => have[k] === v)
          }),
        )
      }),
    index: (labels) =>
      io(() => {
        const want = Object.entries(labels)
        return E.right(
          [...records.entries()]
            .filter(([, r]) => want.every(([k, v]) => releaseLabels(r)[k] === v))
            .map(([key, r]) => ({ key, name: r.name, version: r.version, status: r.info.status.code })),
        )
      }),
    create: (key, rls) =>
      io(() => {
        if (records.has(key)) return E.left(releaseExists(key))
        records.set(key, copy(rls))
        return E.right(undefined)
      }),
    update: (key, rls, expected) =>
      io(() => {
        const current = records.get(key)
        if (current === undefined) return E.left(releaseNotFound(key))
        if (expected !== undefined && current.info.status.code !== expected)
          return E.left(releaseConflict(key, expected, current.info.status.code))
        records.set(key, copy(rls))
        return E.right(undefined)
      }),
    delete: (key) =>
      io(() => {
        const r = records.get(key)
        if (r === undefined) return E.left(releaseNotFound(key))
        records.delete(key)
        return E.right(r)
      }),
    // one record is one Map entry: nothing is ever left behind
    collect: () => io(() => E.right(0)),
  }
}

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
  if (typeof v !== 'object' || v === null) return v
  if (Array.isArray(v)) return v.map(deepCopy)
  if (v instanceof Uint8Array) return v.slice()
  if (Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(v)) out[k] = deepCopy((v as Record<string, unknown>)[k])
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
  // the keys of each release name's records: a query by NAME (every Tiller operation makes several) reads
  // only that release's records, not every record of every release
  const byName = new Map<string, Set<string>>()
  const indexed = (key: string, r: Release | undefined, next: Release | undefined): void => {
    if (r !== undefined && r.name !== next?.name) {
      const keys = byName.get(r.name)
      keys?.delete(key)
      if (keys?.size === 0) byName.delete(r.name)
    }
    if (next !== undefined) {
      let keys = byName.get(next.name)
      if (keys === undefined) byName.set(next.name, (keys = new Set()))
      keys.add(key)
    }
  }
  /** The records whose labels equal all of `labels`, with their keys. */
  const matching = (labels: Readonly<Record<string, string>>): Array<readonly [string, Release]> => {
    const want = Object.entries(labels)
    const name = labels.NAME
    const candidates: Iterable<readonly [string, Release]> =
      name === undefined
        ? records.entries()
        : [...(byName.get(name) ?? [])].map((key) => [key, records.get(key)!] as const)
    const out: Array<readonly [string, Release]> = []
    for (const [key, r] of candidates) {
      const have = releaseLabels(r)
      if (want.every(([k, v]) => have[k] === v)) out.push([key, r])
    }
    return out
  }
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
    query: (labels) => io(() => E.right(matching(labels).map(([, r]) => copy(r)))),
    index: (labels) =>
      io(() =>
        E.right(
          matching(labels).map(([key, r]) => ({ key, name: r.name, version: r.version, status: r.info.status.code })),
        ),
      ),
    create: (key, rls) =>
      io(() => {
        if (records.has(key)) return E.left(releaseExists(key))
        const stored = copy(rls)
        records.set(key, stored)
        indexed(key, undefined, stored)
        return E.right(undefined)
      }),
    update: (key, rls, expected) =>
      io(() => {
        const current = records.get(key)
        if (current === undefined) return E.left(releaseNotFound(key))
        if (expected !== undefined && current.info.status.code !== expected)
          return E.left(releaseConflict(key, expected, current.info.status.code))
        const stored = copy(rls)
        records.set(key, stored)
        indexed(key, current, stored)
        return E.right(undefined)
      }),
    delete: (key) =>
      io(() => {
        const r = records.get(key)
        if (r === undefined) return E.left(releaseNotFound(key))
        records.delete(key)
        indexed(key, r, undefined)
        return E.right(r)
      }),
    // one record is one Map entry: nothing is ever left behind
    collect: () => io(() => E.right(0)),
  }
}

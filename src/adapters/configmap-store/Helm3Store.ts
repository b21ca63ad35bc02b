// Helm 3/4's Secret and ConfigMap drivers as a ReleaseStore: every revision in the release's own namespace,
// so that real Helm and Tiller see the same releases. Helm 3 scopes a release name to its namespace while
// Tiller's names are cluster-wide: a name held in several namespaces is read from the first of them (in
// byte order) and a warning names the others, which Tiller leaves alone.
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import { compareBytes } from '../../domain/go/Value'
import { type Release, releaseKey } from '../../domain/release/Release'
import { objectNamePattern } from '../../domain/release/ReleaseError'
import { releaseNotFound, storeUnavailable, type StoreError } from '../../domain/release/StoreError'
import type { NamespacedObjects, StorageKind } from '../../ports/NamespacedObjects'
import type { ReleaseStore } from '../../ports/ReleaseStore'
import { helm3Layout, helm3Prefix, helm3SystemLabels, releaseLabelsOf } from './Helm3Layout'
import { objectStore, type ObjectStoreOptions } from './ObjectStore'

type Result<A> = Promise<E.Either<StoreError, A>>

/** `NAME.vN` split into the name and the revision; undefined when `key` is not such a key. */
const parseKey = (key: string): { readonly name: string; readonly version: number } | undefined => {
  const m = /^(.+)\.v(\d+)$/.exec(key)
  return m ? { name: m[1]!, version: Number(m[2]) } : undefined
}

/** Whether a release matches a query in Helm v2's label names (NAME, OWNER, STATUS, VERSION). */
const matches = (r: Release, q: Readonly<Record<string, string>>): boolean =>
  Object.entries(q).every(([k, v]) => {
    switch (k) {
      case 'NAME':
        return r.name === v
      case 'STATUS':
        return r.info.status.code === v
      case 'VERSION':
        return String(r.version) === v
      case 'OWNER':
        return v === 'TILLER'
      default:
        return false
    }
  })

/**
 * A ReleaseStore in Helm 3/4's layout on `objects` of `kind`, in every namespace. `opts.warn` hears of the
 * records it skips (corrupt, or of a release name held in another namespace too), once each.
 */
export const helm3Store = (
  kind: StorageKind,
  objects: NamespacedObjects,
  opts: ObjectStoreOptions = {},
): ReleaseStore => {
  const said = new Set<string>()
  const warn = (m: string): void => {
    if (said.has(m)) return
    said.add(m)
    opts.warn?.(m)
  }
  const name = opts.name ?? (kind === 'Secret' ? 'helm3-secret' : 'helm3-configmap')
  const layout = helm3Layout(kind)
  const stores = new Map<string, ReleaseStore>()
  const at = (namespace: string): ReleaseStore => {
    let s = stores.get(namespace)
    if (s === undefined) {
      s = objectStore(layout, objects, namespace, { ...opts, name, warn })
      stores.set(namespace, s)
    }
    return s
  }

  /** The records of one namespace per release name (see the note at the top). */
  const unique = (rs: ReadonlyArray<Release>): Release[] => {
    const spaces = new Map<string, Set<string>>()
    for (const r of rs) spaces.set(r.name, (spaces.get(r.name) ?? new Set()).add(r.namespace))
    const chosen = new Map<string, string>()
    for (const [n, set] of spaces) {
      const sorted = [...set].sort(compareBytes)
      chosen.set(n, sorted[0]!)
      if (sorted.length > 1)
        warn(
          `release ${n} is stored in namespaces ${sorted.join(', ')}: Tiller's release names are cluster-wide, so it manages the one in ${sorted[0]} and leaves the others alone`,
        )
    }
    return rs.filter((r) => chosen.get(r.name) === r.namespace)
  }

  const all = async (): Result<Release[]> => E.map(unique)(await at('').list(() => true)())
  /** Every revision of release `n` (of its one namespace). */
  const revisions = async (n: string): Result<Release[]> => E.map(unique)(await at('').query({ NAME: n })())

  const run =
    <A>(f: () => Result<A>): TE.TaskEither<StoreError, A> =>
    () =>
      f().catch((e: unknown) => E.left(storeUnavailable(String((e as Error)?.message ?? e))))

  const find = async (key: string): Result<Release> => {
    const k = parseKey(key)
    if (k === undefined) return E.left(releaseNotFound(key))
    const rs = await revisions(k.name)
    if (E.isLeft(rs)) return rs
    const r = rs.right.find((x) => x.version === k.version)
    return r === undefined ? E.left(releaseNotFound(key)) : E.right(r)
  }

  /** The release labels of the newest stored revision of `rls` (Helm's upgrade carries them to the next one). */
  const inherited = async (rls: Release): Result<Record<string, string>> => {
    const r = await objects.list(kind, rls.namespace, `owner=helm,name=${rls.name}`)()
    if (E.isLeft(r)) return E.right({})
    const newest = r.right
      // a record whose object name disagrees with its labels is corrupt, no source of labels
      .filter((o) => o.labels.name === rls.name && o.name === `${helm3Prefix}${rls.name}.v${o.labels.version}`)
      .sort((a, b) => Number(b.labels.version) - Number(a.labels.version))[0]
    return E.right(newest ? releaseLabelsOf(newest.labels) : {})
  }

  return {
    name,
    // Helm 3's own rule (chartutil.ValidateReleaseName): records are named after the release
    namePattern: objectNamePattern,
    get: (key) => run(() => find(key)),
    list: (keep) => run(async () => E.map((rs: Release[]) => rs.filter(keep))(await all())),
    query: (labels) =>
      run(async () => {
        const rs = labels.NAME !== undefined ? await revisions(labels.NAME) : await all()
        return E.map((xs: Release[]) => xs.filter((r) => matches(r, labels)))(rs)
      }),
    // from the records, not their labels alone: a name held in several namespaces counts once (see `unique`)
    index: (labels) =>
      run(async () => {
        const rs = labels.NAME !== undefined ? await revisions(labels.NAME) : await all()
        return E.map((xs: Release[]) =>
          xs
            .filter((r) => matches(r, labels))
            .map((r) => ({
              key: releaseKey(r.name, r.version),
              name: r.name,
              version: r.version,
              status: r.info.status.code,
            })),
        )(rs)
      }),
    create: (key, rls) =>
      run(async () => {
        if (rls.helm3?.labels !== undefined) return at(rls.namespace).create(key, rls)()
        const labels = await inherited(rls)
        if (E.isLeft(labels)) return labels
        const keep = Object.entries(labels.right).filter(([k]) => !helm3SystemLabels.includes(k))
        const next = keep.length > 0 ? { ...rls, helm3: { ...rls.helm3, labels: Object.fromEntries(keep) } } : rls
        return at(rls.namespace).create(key, next)()
      }),
    update: (key, rls, expected) => run(() => at(rls.namespace).update(key, rls, expected)()),
    delete: (key) =>
      run(async () => {
        const r = await find(key)
        if (E.isLeft(r)) return r
        return at(r.right.namespace).delete(releaseKey(r.right.name, r.right.version))()
      }),
    // whole records only: a write leaves no fragments
    collect: () => run(async () => E.right(0)),
  }
}

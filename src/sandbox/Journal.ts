// Durable state for a sandbox with a data folder: a snapshot (`state.json`) plus a write-ahead journal
// (`journal.jsonl`, one change per line). A change is appended and fsynced before the request that made it
// is answered; the appends of concurrent requests share one fsync (group commit). When the journal grows
// past a threshold it is folded into a new snapshot (temp file, fsync, rename, fsync of the folder) and
// emptied. After a crash the snapshot is read and the journal replayed; a torn last line (a change that was
// never acknowledged) is dropped.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeFileSync, renameSync } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import * as t from 'io-ts'
import { decodeDataFile, decodeDataValue } from './DataFile'
import type { KObj } from './engine/Json'
import type { Snapshot, StoreEvent } from './engine/Store'

const SNAPSHOT = 'state.json'
const JOURNAL = 'journal.jsonl'
/** Journal size (bytes) past which it is folded into the snapshot, by default. */
const COMPACT_AT = 8 * 1024 * 1024

// What the data folder's files hold (see DataFile.ts): stored objects keep every field, their apiVersion, kind,
// name and metadata maps typed.
const Revision = new t.Type<number, number, unknown>(
  'resourceVersion',
  (u): u is number => typeof u === 'number',
  (u, c) => (typeof u === 'number' && Number.isSafeInteger(u) && u > 0 ? t.success(u) : t.failure(u, c)),
  t.identity,
)
const StoredObjectC = t.intersection([
  t.type({
    apiVersion: t.string,
    kind: t.string,
    metadata: t.intersection([
      t.type({ name: t.string }),
      t.partial({
        namespace: t.string,
        uid: t.string,
        resourceVersion: t.string,
        labels: t.record(t.string, t.string),
        annotations: t.record(t.string, t.string),
      }),
    ]),
  }),
  t.record(t.string, t.unknown),
])
const asObject = (o: t.TypeOf<typeof StoredObjectC>): KObj => o
const SnapshotC = t.type({ rv: Revision, objects: t.readonlyArray(t.tuple([t.string, StoredObjectC])) })
const EntryC = t.union(
  [
    t.type({ rv: Revision, op: t.literal('put'), res: t.string, obj: StoredObjectC }),
    t.intersection([
      t.type({ rv: Revision, op: t.literal('del'), res: t.string, name: t.string }),
      t.partial({ ns: t.string }),
    ]),
  ],
  'a journal entry (op "put" or "del")',
)
/** One journal line. */
type Entry = t.TypeOf<typeof EntryC>

/** Fsyncs a folder, so that a rename or a new file in it survives a crash. */
const syncDir = (dir: string): void => {
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Replaces `path` with `data` atomically and durably: temp file, fsync, rename, fsync of the folder. */
export const durableWrite = (path: string, data: string, mode = 0o600): void => {
  const dir = join(path, '..')
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  const fd = openSync(tmp, 'w', mode)
  try {
    writeFileSync(fd, data)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(tmp, path)
  syncDir(dir)
}

const keyOf = (res: string, ns: string | undefined, name: string): string => `${res}\u0000${ns ?? ''}\u0000${name}`

/** The state a data folder holds: its snapshot with the journal replayed on top; undefined for a new folder. */
export const loadState = (dir: string): Snapshot | undefined => {
  const snapPath = join(dir, SNAPSHOT)
  const journalPath = join(dir, JOURNAL)
  const snapshot = existsSync(snapPath)
    ? decodeDataFile(SnapshotC, readFileSync(snapPath, 'utf8'), snapPath)
    : undefined
  const snap: Snapshot | undefined = snapshot && {
    rv: snapshot.rv,
    objects: snapshot.objects.map(([res, obj]) => [res, asObject(obj)] as const),
  }
  const text = existsSync(journalPath) ? readFileSync(journalPath, 'utf8') : ''
  if (!snap && text.trim() === '') return undefined
  const objects = new Map<string, readonly [string, KObj]>()
  for (const [res, obj] of snap?.objects ?? [])
    objects.set(keyOf(res, obj.metadata?.namespace, obj.metadata?.name), [res, obj])
  let rv = snap?.rv ?? 1
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line === '') continue
    const where = `${journalPath}: line ${i + 1}`
    let doc: unknown
    try {
      doc = JSON.parse(line)
    } catch (err) {
      // only the last line can be torn (a crash during its append, before it was acknowledged)
      if (lines.slice(i + 1).every((l) => l === '')) break
      throw new Error(`${where} is corrupt: ${(err as Error).message}`)
    }
    const e: Entry = decodeDataValue(EntryC, doc, where)
    if (e.rv <= (snap?.rv ?? 0)) continue
    if (e.op === 'put')
      objects.set(keyOf(e.res, e.obj.metadata.namespace, e.obj.metadata.name), [e.res, asObject(e.obj)])
    else objects.delete(keyOf(e.res, e.ns, e.name))
    rv = Math.max(rv, e.rv)
  }
  return { rv, objects: [...objects.values()] }
}

/** The journal of a running sandbox. */
export interface Journal {
  /** Records a change (called for every store event, in order). */
  readonly record: (e: StoreEvent) => void
  /** Resolves once every change up to `rv` is on disk; rejects when the disk refused it. */
  readonly durable: (rv: number) => Promise<void>
  /** Folds the journal into the snapshot and closes it. */
  readonly close: () => Promise<void>
}

/**
 * Opens the journal of `dir`, whose state is `current()` (a snapshot of the live store). A torn tail left by
 * a crash is cut off before anything is appended.
 */
export const openJournal = async (dir: string, current: () => Snapshot, compactAt = COMPACT_AT): Promise<Journal> => {
  const journalPath = join(dir, JOURNAL)
  const snapPath = join(dir, SNAPSHOT)
  // start from a clean slate: the loaded state (snapshot + journal) becomes the snapshot, the journal empty
  durableWrite(snapPath, JSON.stringify(current()))
  const fh: FileHandle = await open(journalPath, 'w', 0o600)
  await fh.sync()
  syncDir(dir)
  let size = 0
  let pending: string[] = []
  let pendingRv = 0
  let durableRv = current().rv
  let failure: Error | undefined
  let flushing: Promise<void> | undefined
  let closed = false
  const waiters: Array<{ rv: number; resolve: () => void; reject: (e: Error) => void }> = []

  const settle = (): void => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i]!
      if (failure) w.reject(failure)
      else if (w.rv <= durableRv) w.resolve()
      else continue
      waiters.splice(i, 1)
    }
  }

  const compact = async (): Promise<void> => {
    // the snapshot holds every change made so far, those still pending included
    const snap = current()
    durableWrite(snapPath, JSON.stringify(snap))
    pending = []
    await fh.truncate(0)
    await fh.sync()
    size = 0
    durableRv = Math.max(durableRv, snap.rv)
  }

  const flush = async (): Promise<void> => {
    try {
      while (pending.length > 0 && !failure) {
        if (size > compactAt) {
          await compact()
          break
        }
        const batch = pending.join('')
        const upTo = pendingRv
        pending = []
        // at an explicit offset: after a truncation the file position would still be past the end
        await fh.write(batch, size, 'utf8')
        await fh.datasync()
        size += Buffer.byteLength(batch)
        durableRv = Math.max(durableRv, upTo)
        settle()
      }
    } catch (e) {
      failure = new Error(`the sandbox could not save its state: ${(e as Error).message}`)
    } finally {
      flushing = undefined
      settle()
    }
  }

  const kick = (): void => {
    flushing ??= new Promise<void>((r) => setImmediate(r)).then(flush)
  }

  return {
    record: (e) => {
      const entry: Entry =
        e.type === 'DELETED'
          ? {
              rv: e.rv,
              op: 'del',
              res: e.res,
              ...(e.obj.metadata?.namespace ? { ns: e.obj.metadata.namespace } : {}),
              name: e.obj.metadata.name,
            }
          : { rv: e.rv, op: 'put', res: e.res, obj: e.obj }
      pending.push(`${JSON.stringify(entry)}\n`)
      pendingRv = e.rv
      kick()
    },
    durable: (rv) => {
      if (failure) return Promise.reject(failure)
      if (rv <= durableRv) return Promise.resolve()
      return new Promise((resolve, reject) => {
        waiters.push({ rv, resolve, reject })
        kick()
      })
    },
    close: async () => {
      if (closed) return
      closed = true
      while (flushing) await flushing
      if (!failure) await compact()
      settle()
      await fh.close()
    },
  }
}

// `helm 2to3 convert` (Helm v2's storage → Helm 3/4's, as the helm-2to3 plugin does) and its reverse
// `helm 2to3 adopt` (Helm 3/4's → Helm v2's, so that Tiller manages a release real Helm installed): every
// revision copied whole between two ReleaseStores (the record codecs map statuses, values and hooks), its
// number, status, description, dates, values and manifest kept. Idempotent: a revision already copied is left
// as it is; one that differs stops the copy before anything is written. The source is deleted only when asked.
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { type Release, releaseKey } from '../../domain/release/Release'
import { ambiguousRelease, noReleaseVersions, revisionDiffers } from '../../domain/release/MigrationError'
import { parseConfig } from '../../domain/values/Config'
import type { ReleaseStore } from '../../ports/ReleaseStore'
import type { UseCase } from './Deps'

/** The storages a copy reads and writes, and where it reports what it does (the plugin's log lines). */
export interface MigrationDeps {
  readonly from: ReleaseStore
  readonly to: ReleaseStore
  readonly out: (line: string) => void
}

/** Which way a copy goes: the words its lines use. */
export interface Direction {
  /** `convert` or `adopt`. */
  readonly verb: string
  /** `[Helm 2]`-style tags and the storages' names in sentences. */
  readonly fromTag: string
  readonly toTag: string
  readonly fromName: string
  readonly toName: string
  /** What is said when the source is kept. */
  readonly kept: ReadonlyArray<string>
}

export const helm2to3: Direction = {
  verb: 'converted',
  fromTag: '[Helm 2]',
  toTag: '[Helm 3]',
  fromName: 'Helm v2',
  toName: 'Helm v3',
  kept: [
    'Note: The v2 release information still remains and should be removed to avoid conflicts with the migrated v3 release.',
    'v2 release information should only be removed using `helm 2to3` cleanup and when all releases have been migrated over.',
  ],
}
export const helm3to2: Direction = {
  verb: 'adopted',
  fromTag: '[Helm 3]',
  toTag: '[Helm 2]',
  fromName: 'Helm v3',
  toName: 'Helm v2',
  kept: [
    'Note: The v3 release information still remains: Helm 3/4 still sees the release as it was and would manage it apart from Tiller.',
    'Remove it with `helm 2to3 adopt --delete-v3-releases` once Tiller manages the release (never `helm uninstall`, which deletes its resources).',
  ],
}

export interface MigrateOptions {
  readonly name: string
  readonly dryRun: boolean
  /** The newest revisions copied at most; 0 copies every one (`--release-versions-max`). */
  readonly maxVersions: number
  /** Delete the copied revisions from the source afterwards (`--delete-v2-releases`). */
  readonly deleteSource: boolean
  /** More labels (Helm v2's names) the source's records must carry (`--label`, beyond OWNER=TILLER). */
  readonly labels?: Readonly<Record<string, string>>
  /** The release's namespace, when the source scopes names by namespace (Helm 3's). */
  readonly namespace?: string
}

export interface MigrateResult {
  readonly copied: ReadonlyArray<number>
  readonly alreadyThere: ReadonlyArray<number>
  readonly deleted: ReadonlyArray<number>
}

const run = async <A>(te: TE.TaskEither<HelmError, A>): Promise<E.Either<HelmError, A>> => te()

/** Whether two records are the same revision (the status may have moved on since the copy). */
const sameRevision = (a: Release, b: Release): boolean => {
  const values = (r: Release) => JSON.stringify(E.getOrElseW(() => r.config.raw)(parseConfig(r.config.raw)))
  return (
    a.version === b.version &&
    a.namespace === b.namespace &&
    a.manifest === b.manifest &&
    a.chart.metadata.name === b.chart.metadata.name &&
    a.chart.metadata.version === b.chart.metadata.version &&
    values(a) === values(b)
  )
}

/** Copies the revisions of release `opts.name` from `deps.from` to `deps.to` (see the note at the top). */
export const migrateRelease =
  (opts: MigrateOptions, dir: Direction): UseCase<MigrationDeps, MigrateResult> =>
  (deps) =>
  async () => {
    const { name } = opts
    const say = deps.out
    if (opts.dryRun) {
      say('NOTE: This is in dry-run mode, the following actions will not be executed.')
      say('Run without --dry-run to take the actions described below:')
      say('')
    }
    say(`Release "${name}" will be ${dir.verb} from ${dir.fromName} to ${dir.toName}.`)
    say(`${dir.toTag} Release "${name}" will be created.`)
    const found = await run(deps.from.query({ ...opts.labels, NAME: name }))
    if (E.isLeft(found)) return found
    let all = [...found.right].sort((a, b) => a.version - b.version)
    if (opts.namespace !== undefined) all = all.filter((r) => r.namespace === opts.namespace)
    const spaces = [...new Set(all.map((r) => r.namespace))].sort()
    if (spaces.length > 1) return E.left(ambiguousRelease(name, spaces))
    if (all.length === 0) return E.left(noReleaseVersions(name))
    const start = opts.maxVersions > 0 && opts.maxVersions < all.length ? all.length - opts.maxVersions : 0
    if (start > 0) {
      say('')
      say(
        `NOTE: The max release versions "${opts.maxVersions}" is less than the actual release versions "${all.length}".`,
      )
      say(`This means only "${opts.maxVersions}" of the latest release versions will be ${dir.verb}.`)
      if (opts.deleteSource)
        say(
          `This also means some versions will remain in ${dir.fromName} storage that will no longer be visible to ${dir.fromName} commands like 'helm list'. Plugin 'cleanup' command will remove them from storage.`,
        )
      say('')
    }
    const chosen = all.slice(start)
    // every revision is checked before the first write: a conflict leaves the target as it was
    const fresh: Release[] = []
    const there: number[] = []
    for (const r of chosen) {
      const existing = await run(deps.to.get(releaseKey(name, r.version)))
      if (E.isRight(existing)) {
        if (!sameRevision(existing.right, r)) return E.left(revisionDiffers(releaseKey(name, r.version), dir.toName))
        there.push(r.version)
      } else if (existing.left._tag === 'ReleaseNotFound') fresh.push(r)
      else return existing
    }
    for (const r of chosen) {
      const key = releaseKey(name, r.version)
      if (there.includes(r.version)) {
        say(`${dir.toTag} ReleaseVersion "${key}" already exists.`)
        continue
      }
      say(`${dir.toTag} ReleaseVersion "${key}" will be created.`)
      if (opts.dryRun) continue
      const created = await run(deps.to.create(key, r))
      if (E.isLeft(created)) {
        // another writer got there first: fine when it wrote the same revision
        const now = created.left._tag === 'ReleaseExists' ? await run(deps.to.get(key)) : created
        if (E.isLeft(now)) return now
        if (!sameRevision(now.right, r)) return E.left(revisionDiffers(key, dir.toName))
        say(`${dir.toTag} ReleaseVersion "${key}" already exists.`)
        continue
      }
      say(`${dir.toTag} ReleaseVersion "${key}" created.`)
    }
    if (!opts.dryRun) say(`${dir.toTag} Release "${name}" created.`)
    const deleted: number[] = []
    if (opts.deleteSource) {
      say(`${dir.fromTag} Release "${name}" will be deleted.`)
      for (const r of chosen) {
        const key = releaseKey(name, r.version)
        say(`${dir.fromTag} ReleaseVersion "${key}" will be deleted.`)
        if (opts.dryRun) continue
        const gone = await run(deps.from.delete(key))
        if (E.isLeft(gone) && gone.left._tag !== 'ReleaseNotFound') return gone
        deleted.push(r.version)
        say(`${dir.fromTag} ReleaseVersion "${key}" deleted.`)
      }
      if (!opts.dryRun) {
        say(`${dir.fromTag} Release "${name}" deleted.`)
        say(`Release "${name}" was ${dir.verb} successfully from ${dir.fromName} to ${dir.toName}.`)
      }
    } else if (!opts.dryRun) {
      say(`Release "${name}" was ${dir.verb} successfully from ${dir.fromName} to ${dir.toName}.`)
      for (const line of dir.kept) say(line)
    }
    return E.right({
      copied: opts.dryRun ? [] : fresh.map((r) => r.version),
      alreadyThere: there,
      deleted,
    })
  }

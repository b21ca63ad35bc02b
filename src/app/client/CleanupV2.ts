// `helm 2to3 cleanup`: removes Helm v2's release data, Tiller and $HELM_HOME once everything has moved, as the
// helm-2to3 plugin's cleanup does (cmd/cleanup.go): the same choices, warnings, confirmation and lines.
import * as E from 'fp-ts/Either'
import { invalidArgument } from '../../domain/GeneralError'
import type { HelmError } from '../../domain/errors'
import { releaseKey } from '../../domain/release/Release'
import type { ChartFiles } from '../../ports/ChartFiles'
import type { KubeClient } from '../../ports/KubeClient'
import type { ReleaseStore } from '../../ports/ReleaseStore'
import type { UseCase } from './Deps'

export interface CleanupDeps {
  /** Helm v2's storage in Tiller's namespace. */
  readonly v2: ReleaseStore
  readonly kube: Pick<KubeClient, 'delete'>
  readonly files: Pick<ChartFiles, 'remove'>
  readonly out: (line: string) => void
  /** Asks a yes/no question; true for `y` or `yes`. */
  readonly confirm: (question: string) => Promise<boolean>
}

export interface CleanupOptions {
  readonly configCleanup: boolean
  readonly releaseCleanup: boolean
  readonly tillerCleanup: boolean
  /** Only this release's revisions (`--name`). */
  readonly name?: string
  readonly dryRun: boolean
  readonly skipConfirmation: boolean
  readonly tillerNamespace: string
  /** Labels (Helm v2's names) Tiller's records carry (`--label`, beyond OWNER=TILLER). */
  readonly labels?: Readonly<Record<string, string>>
  /** Tiller runs outside the cluster: there is no Deployment to remove. */
  readonly tillerOutCluster: boolean
  /** Helm v2's home ($HELM_V2_HOME, else $HELM_HOME). */
  readonly home: string
}

/** What the cleanup removed (nothing on a dry run or when not confirmed). */
export interface CleanupResult {
  readonly confirmed: boolean
  readonly releases: ReadonlyArray<string>
}

/** Removes the Helm v2 data the options name (all of it when none is named), after a confirmation. */
export const cleanupV2 =
  (o: CleanupOptions): UseCase<CleanupDeps, CleanupResult> =>
  (deps) =>
  async () => {
    const say = deps.out
    let { configCleanup, releaseCleanup, tillerCleanup } = o
    if (o.name) {
      if (configCleanup || tillerCleanup)
        return E.left(
          invalidArgument(
            'cleanup of a specific release is a singular operation. Other operations like configuration cleanup or Tiller cleanup are not allowed in conjunction with the operation',
          ),
        )
      releaseCleanup = true
    } else if (!configCleanup && !releaseCleanup && !tillerCleanup) {
      configCleanup = releaseCleanup = tillerCleanup = true
    }
    if (o.dryRun) {
      say('NOTE: This is in dry-run mode, the following actions will not be executed.')
      say('Run without --dry-run to take the actions described below:')
      say('')
    }
    const parts = [
      ...(configCleanup ? ['"Helm v2 Configuration"'] : []),
      ...(releaseCleanup ? [o.name ? `"Release '${o.name}' Data"` : '"Release Data"'] : []),
      ...(tillerCleanup ? ['"Tiller"'] : []),
    ]
    say(`WARNING: ${parts.join(' ')} will be removed. `)
    if (releaseCleanup && !o.name)
      say(
        "This will clean up all releases managed by Helm v2. It will not be possible to restore them if you haven't made a backup of the releases.",
      )
    if (!o.name) say('Helm v2 may not be usable afterwards.')
    say('')
    if (o.skipConfirmation) say('Skipping confirmation before performing cleanup.')
    else if (!(await deps.confirm('[Cleanup/confirm] Are you sure you want to cleanup Helm v2 data? [y/N]: '))) {
      say("Cleanup will not proceed as the user didn't answer (Y|y) in order to continue.")
      return E.right({ confirmed: false, releases: [] })
    }
    say('')
    say('Helm v2 data will be cleaned up.')
    const removed: string[] = []
    if (releaseCleanup) {
      say(o.name ? `[Helm 2] Release '${o.name}' will be deleted.` : '[Helm 2] Releases will be deleted.')
      const found = await deps.v2.query({ ...o.labels, ...(o.name ? { NAME: o.name } : {}) })()
      if (E.isLeft(found)) return found
      const all = [...found.right].sort((a, b) =>
        a.name === b.name ? a.version - b.version : a.name < b.name ? -1 : 1,
      )
      if (o.name && all.length === 0)
        return E.left<HelmError, CleanupResult>(invalidArgument(`${o.name} has no deployed releases`))
      if (all.length === 0)
        say(`[Helm 2] no deployed releases for namespace: ${o.tillerNamespace}, owner: OWNER=TILLER`)
      for (const r of all) {
        const key = releaseKey(r.name, r.version)
        say(`[Helm 2] ReleaseVersion "${key}" will be deleted.`)
        if (o.dryRun) continue
        const gone = await deps.v2.delete(key)()
        if (E.isLeft(gone) && gone.left._tag !== 'ReleaseNotFound') return gone
        removed.push(key)
        say(`[Helm 2] ReleaseVersion "${key}" deleted.`)
      }
      if (!o.dryRun) say(o.name ? `[Helm 2] Release '${o.name}' deleted.` : '[Helm 2] Releases deleted.')
    }
    if (tillerCleanup && !o.tillerOutCluster) {
      say(`[Helm 2] Tiller in "${o.tillerNamespace}" namespace will be removed.`)
      if (!o.dryRun) {
        for (const [apiVersion, kind, what] of [
          ['apps/v1', 'Deployment', 'deploy'],
          ['v1', 'Service', 'service'],
        ] as const) {
          say(`[Helm 2] Tiller "${what}" in "${o.tillerNamespace}" namespace will be removed.`)
          const gone = await deps.kube.delete({
            apiVersion,
            kind,
            name: 'tiller-deploy',
            namespace: o.tillerNamespace,
          })()
          if (E.isLeft(gone) && gone.left._tag !== 'KubeNotFound') return gone
          say(
            E.isLeft(gone)
              ? `[Helm 2] Tiller "${what}" in "${o.tillerNamespace}" namespace was not found.`
              : `[Helm 2] Tiller "${what}" in "${o.tillerNamespace}" namespace was removed successfully.`,
          )
        }
        say(`[Helm 2] Tiller in "${o.tillerNamespace}" namespace was removed.`)
      }
    }
    if (configCleanup) {
      say(`[Helm 2] Home folder "${o.home}" will be deleted.`)
      if (!o.dryRun) {
        const gone = await deps.files.remove(o.home)()
        if (E.isLeft(gone)) return gone
        say(`[Helm 2] Home folder "${o.home}" deleted.`)
      }
    }
    if (!o.dryRun) say('Helm v2 data was cleaned up successfully.')
    return E.right({ confirmed: true, releases: removed })
  }

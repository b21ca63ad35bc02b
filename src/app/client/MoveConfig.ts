// `helm 2to3 move config`: copies Helm v2's configuration ($HELM_HOME) into Helm 3/4's folders, as the helm-2to3
// plugin's move does (pkg/utils Copyv2HomeTov3): repositories.yaml into the config folder (still 0600: it holds
// repository passwords), the starters and the plugins into the data folder. Local repositories and caches stay:
// Helm 3 rebuilds them (`helm repo update`). Plugins are copied whole (links followed), where the plugin copied
// v2's plugin cache and re-made the links.
import * as E from 'fp-ts/Either'
import type { HelmError } from '../../domain/errors'
import type { ChartFiles } from '../../ports/ChartFiles'
import type { UseCase } from './Deps'

export interface MoveConfigDeps {
  readonly files: Pick<ChartFiles, 'stat' | 'list' | 'read' | 'write' | 'makeDir'>
  readonly out: (line: string) => void
  readonly confirm: (question: string) => Promise<boolean>
}

export interface MoveConfigOptions {
  readonly dryRun: boolean
  readonly skipConfirmation: boolean
  /** Helm v2's home ($HELM_V2_HOME, else $HELM_HOME). */
  readonly v2Home: string
  /** Helm 3's folders ($HELM_V3_CONFIG / _DATA / _CACHE, else Helm's own defaults). */
  readonly v3: { readonly config: string; readonly data: string; readonly cache: string }
}

const join = (a: string, b: string): string => `${a.replace(/\/+$/, '')}/${b}`

/** Copies the folder `from` into `to` (files and sub-folders; links followed). */
const copyTree = async (
  files: MoveConfigDeps['files'],
  from: string,
  to: string,
): Promise<E.Either<HelmError, void>> => {
  const made = await files.makeDir(to)()
  if (E.isLeft(made)) return made
  const entries = await files.list(from)()
  if (E.isLeft(entries)) return entries
  for (const e of entries.right) {
    if (e.kind === 'directory') {
      const sub = await copyTree(files, join(from, e.name), join(to, e.name))
      if (E.isLeft(sub)) return sub
      continue
    }
    const data = await files.read(join(from, e.name))()
    if (E.isLeft(data)) return data
    const written = await files.write(to, e.name, data.right)()
    if (E.isLeft(written)) return written
  }
  return E.right(undefined)
}

/** What was copied (nothing on a dry run or when not confirmed). */
export interface MoveConfigResult {
  readonly confirmed: boolean
  readonly copied: ReadonlyArray<string>
}

/** Moves Helm v2's configuration into Helm 3's folders after a confirmation (see the note at the top). */
export const moveConfig =
  (o: MoveConfigOptions): UseCase<MoveConfigDeps, MoveConfigResult> =>
  (deps) =>
  async () => {
    const say = deps.out
    const { files } = deps
    if (o.dryRun) {
      say('NOTE: This is in dry-run mode, the following actions will not be executed.')
      say('Run without --dry-run to take the actions described below:')
      say('')
    }
    say('WARNING: Helm v3 configuration may be overwritten during this operation.')
    say('')
    if (o.skipConfirmation) say('Skipping confirmation before performing move configuration.')
    else if (
      !(await deps.confirm('[Move config/confirm] Are you sure you want to move the v2 configuration? [y/N]: '))
    ) {
      say("Move will not proceed as the user didn't answer (Y|y) in order to continue.")
      return E.right({ confirmed: false, copied: [] })
    }
    say('')
    say('Helm v2 configuration will be moved to Helm v3 configuration.')
    say(`[Helm 2] Home directory: ${o.v2Home}`)
    say(`[Helm 3] Config directory: ${o.v3.config}`)
    say(`[Helm 3] Data directory: ${o.v3.data}`)
    say(`[Helm 3] Cache directory: ${o.v3.cache}`)
    const copied: string[] = []
    const step = async (
      before: string,
      after: string,
      act: () => Promise<E.Either<HelmError, unknown>>,
    ): Promise<E.Either<HelmError, void>> => {
      say(before)
      if (o.dryRun) return E.right(undefined)
      const r = await act()
      if (E.isLeft(r)) return r
      say(after)
      return E.right(undefined)
    }
    const repoFile = join(join(o.v2Home, 'repository'), 'repositories.yaml')
    const v3RepoFile = join(o.v3.config, 'repositories.yaml')
    const steps: Array<() => Promise<E.Either<HelmError, void>>> = [
      () =>
        step(
          `[Helm 3] Create config folder "${o.v3.config}" .`,
          `[Helm 3] Config folder "${o.v3.config}" created.`,
          () => files.makeDir(o.v3.config)(),
        ),
      () =>
        step(
          `[Helm 2] repositories file "${repoFile}" will copy to [Helm 3] config folder "${v3RepoFile}" .`,
          `[Helm 2] repositories file "${repoFile}" copied successfully to [Helm 3] config folder "${v3RepoFile}" .`,
          async () => {
            const data = await files.read(repoFile)()
            if (E.isLeft(data)) return data
            copied.push(v3RepoFile)
            return files.write(o.v3.config, 'repositories.yaml', data.right, { private: true })()
          },
        ),
      () =>
        step(`[Helm 3] Create cache folder "${o.v3.cache}" .`, `[Helm 3] cache folder "${o.v3.cache}" created.`, () =>
          files.makeDir(o.v3.cache)(),
        ),
      () =>
        step(`[Helm 3] Create data folder "${o.v3.data}" .`, `[Helm 3] data folder "${o.v3.data}" created.`, () =>
          files.makeDir(o.v3.data)(),
        ),
    ]
    for (const [what, dir] of [
      ['plugins', 'plugins'],
      ['starters', 'starters'],
    ] as const) {
      const from = join(o.v2Home, dir)
      const to = join(o.v3.data, dir)
      steps.push(async () => {
        const there = await files.stat(from)()
        if (E.isLeft(there)) return there
        if (there.right._tag === 'None') return E.right(undefined)
        return step(
          `[Helm 2] ${what} "${from}" will copy to [Helm 3] data folder "${to}" .`,
          `[Helm 2] ${what} "${from}" copied successfully to [Helm 3] data folder "${to}" .`,
          async () => {
            copied.push(to)
            return copyTree(files, from, to)
          },
        )
      })
    }
    for (const s of steps) {
      const r = await s()
      if (E.isLeft(r)) return r
    }
    if (!o.dryRun) say('Helm v2 configuration was moved successfully to Helm v3 configuration.')
    return E.right({ confirmed: true, copied })
  }

import { mkdir, stat, symlink } from 'node:fs/promises'
import { join } from 'node:path'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import { type HelmError, message } from '../../domain/errors'
import { fileUnwritable, invalidArgument } from '../../domain/GeneralError'
import { emptyIndex } from '../../domain/repo/Index'
import { type RepoEntry, emptyRepoFile, upsertRepo } from '../../domain/repo/RepoFile'
import { repoUnreachable } from '../../domain/repo/RepoError'
import { downloadIndex } from '../http-repo/ChartRepository'
import { type HelmHome, helmHome, nowGo, saveRepoFile } from './HelmHome'
import { storeIndexFile, writeIndexFile } from './IndexCache'

/** `helm init --client-only` options (Helm v2 defaults). */
export interface InitOptions {
  readonly stableRepoUrl?: string
  readonly localRepoUrl?: string
  /** do not download the stable repository's index (`--skip-refresh`) */
  readonly skipRefresh?: boolean
  /** add neither stable nor local (`--skip-repos`) */
  readonly skipRepos?: boolean
}

export const STABLE_REPO_URL = 'https://charts.helm.sh/stable'
export const LOCAL_REPO_URL = 'http://127.0.0.1:8879/charts'

const errText = (err: unknown): string => (err instanceof Error ? err.message : String(err))

const entry = (name: string, url: string, cache: string): RepoEntry => ({
  name,
  url,
  cache,
  username: '',
  password: '',
  certFile: '',
  keyFile: '',
  caFile: '',
})

/**
 * Sets $HELM_HOME up as Helm v2's `init --client-only`: creates each missing folder ("Creating PATH" lines),
 * and, when there is no repositories.yaml yet, writes one with the `stable` repository (its index downloaded
 * unless skipRefresh) and the `local` one (an empty repository/local/index.yaml, linked from the cache).
 * Lines go to `out`. Left RepoUnreachable for an unreachable stable repository, FileUnwritable, InvalidArgument.
 */
export const initHelmHome =
  (root: string, opts: InitOptions, out: (line: string) => void): TE.TaskEither<HelmError, HelmHome> =>
  async () => {
    const home = helmHome(root)
    for (const d of [
      home.root,
      home.repository,
      home.cache,
      home.localRepository,
      home.plugins,
      home.starters,
      home.archive,
    ]) {
      const st = await stat(d).catch(() => undefined)
      if (st && !st.isDirectory()) return E.left(invalidArgument(`${d} must be a directory`))
      if (st) continue
      out(`Creating ${d} `)
      try {
        await mkdir(d, { recursive: true })
      } catch (err) {
        return E.left(fileUnwritable(d, errText(err)))
      }
    }
    const existing = await stat(home.repositoryFile).catch(() => undefined)
    if (existing?.isDirectory())
      return E.left(invalidArgument(`${home.repositoryFile} must be a file, not a directory`))
    if (existing) return E.right(home)
    out(`Creating ${home.repositoryFile} `)
    let file = emptyRepoFile(nowGo())
    if (!opts.skipRepos) {
      const stableUrl = opts.stableRepoUrl ?? STABLE_REPO_URL
      out(`Adding stable repo with URL: ${stableUrl} `)
      const stable = entry('stable', stableUrl, join(home.cache, 'stable-index.yaml'))
      if (!opts.skipRefresh) {
        const got = await downloadIndex(stableUrl, {})()
        if (E.isLeft(got)) return E.left(repoUnreachable(stableUrl, message(got.left)))
        const stored = await storeIndexFile(stable.cache, got.right.bytes, stableUrl)()
        if (E.isLeft(stored)) return stored
      }
      const localUrl = opts.localRepoUrl ?? LOCAL_REPO_URL
      out(`Adding local repo with URL: ${localUrl} `)
      const localIndex = join(home.localRepository, 'index.yaml')
      if (!(await stat(localIndex).catch(() => undefined))) {
        const w = await writeIndexFile(localIndex, emptyIndex(nowGo()))()
        if (E.isLeft(w)) return w
        // Helm v2 links the local repository's cache entry to the served index itself
        await symlink(localIndex, join(home.cache, 'local-index.yaml')).catch(() => undefined)
      }
      file = upsertRepo(
        upsertRepo(file, stable, nowGo()),
        entry('local', localUrl, join(home.cache, 'local-index.yaml')),
        nowGo(),
      )
    }
    const saved = await saveRepoFile(home, file)()
    return E.isLeft(saved) ? saved : E.right(home)
  }

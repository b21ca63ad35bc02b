import { rm, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import { loadChartArchive } from '../../domain/chart/Load'
import { type HelmError, message } from '../../domain/errors'
import { invalidArgument } from '../../domain/GeneralError'
import { fileIn, urlFileName } from '../../domain/path/SafePath'
import { findVersion } from '../../domain/repo/Index'
import { findRepo, findRepoForUrl } from '../../domain/repo/RepoFile'
import { chartVersionNotFound, digestMismatch, notAChart, repoNotFound } from '../../domain/repo/RepoError'
import { downloadIndex, entryAuth, resolveChartUrl } from '../http-repo/ChartRepository'
import { type HttpAuth, httpGet } from '../http-repo/HttpGet'
import { writeFileAtomic } from '../fs/AtomicFile'
import { type HelmHome, cachePathOf, helmHome, loadRepoFile } from './HelmHome'
import { loadIndexFile } from './IndexCache'
import { sha256Hex } from './RepoIndexer'
import { type Verification, verifyArchive } from './Signatory'

/** How to find and fetch a chart: Helm's `--version`, `--devel`, `--repo` and its credentials. */
export interface ChartRefOptions {
  readonly version?: string | undefined
  readonly devel?: boolean | undefined
  /** `--repo URL`: look the chart up in this repository instead of the configured ones. */
  readonly repoUrl?: string | undefined
  readonly auth?: HttpAuth | undefined
}

/** A chart reference resolved to a download URL. */
export interface ResolvedChart {
  readonly url: string
  readonly auth: HttpAuth
  /** the sha256 the index states for the archive, when it states one */
  readonly digest?: string
  readonly version?: string
}

const constraintOf = (o: ChartRefOptions): string => (o.version ? o.version : o.devel ? '>0.0.0-0' : '')

/**
 * Resolves `repo/chart` (cached index of a configured repository), `chart` with `--repo URL` (that
 * repository's index, downloaded), or a chart URL. Left RepoNotFound, ChartVersionNotFound,
 * InvalidConstraint, and download errors.
 */
export const resolveChartUrlOf =
  (home: HelmHome, ref: string, opts: ChartRefOptions): TE.TaskEither<HelmError, ResolvedChart> =>
  async () => {
    const version = constraintOf(opts)
    const file = await loadRepoFile(home)()
    if (E.isLeft(file)) return file
    if (opts.repoUrl) {
      const got = await downloadIndex(opts.repoUrl, opts.auth ?? {})()
      if (E.isLeft(got)) return got
      const cv = findVersion(got.right.index, ref, version)
      if (E.isLeft(cv)) return cv
      if (!cv.right?.urls[0]) return E.left(chartVersionNotFound(opts.repoUrl, ref, version))
      const c = cv.right
      return E.right({
        url: resolveChartUrl(opts.repoUrl, cv.right.urls[0]),
        auth: opts.auth ?? {},
        digest: c.digest,
        version: c.version,
      })
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(ref))
      return E.right({ url: ref, auth: opts.auth ?? entryAuth(findRepoForUrl(file.right, ref)) })
    const slash = ref.indexOf('/')
    if (slash < 0)
      return E.left(invalidArgument(`non-absolute URLs should be in form of repo_name/path_to_chart, got: ${ref}`))
    const repoName = ref.slice(0, slash)
    const chart = ref.slice(slash + 1)
    const repo = findRepo(file.right, repoName)
    if (!repo) return E.left(repoNotFound(repoName))
    const cache = cachePathOf(home, repo)
    if (E.isLeft(cache)) return cache
    const index = await loadIndexFile(cache.right)()
    if (E.isLeft(index)) return index
    const cv = findVersion(index.right, chart, version)
    if (E.isLeft(cv)) return cv
    const url = cv.right?.urls[0]
    if (!cv.right || !url) return E.left(chartVersionNotFound(repoName, chart, version))
    return E.right({
      url: resolveChartUrl(repo.url, url),
      auth: entryAuth(repo),
      digest: cv.right.digest,
      version: cv.right.version,
    })
  }

/** `fetch`/`pull` options besides the reference. */
export interface DownloadOptions extends ChartRefOptions {
  /** also download `<url>.prov` */
  readonly prov?: boolean | undefined
  /** download the .prov and verify the archive against `keyring` */
  readonly verify?: boolean | undefined
  readonly keyring?: string | undefined
}

/** A downloaded chart: where the archive was saved, its .prov, and the verification when asked for. */
export interface Downloaded {
  readonly path: string
  readonly provPath?: string
  readonly verification?: Verification
}

/**
 * Downloads the chart `ref` into `destDir` as the URL's file name, refusing an archive whose sha256 differs
 * from the index's (DigestMismatch) or that does not load as a chart (NotAChart); with `prov`/`verify` the
 * .prov file too, and with `verify` checks it (see `verifyArchive`). Nothing is left behind on failure.
 */
export const downloadChart =
  (home: HelmHome, ref: string, destDir: string, opts: DownloadOptions): TE.TaskEither<HelmError, Downloaded> =>
  async () => {
    const resolved = await resolveChartUrlOf(home, ref, opts)()
    if (E.isLeft(resolved)) return resolved
    const { url, auth, digest } = resolved.right
    const bytes = await httpGet(url, auth)()
    if (E.isLeft(bytes)) return bytes
    const sum = sha256Hex(bytes.right)
    if (digest && digest.replace(/^sha256:/, '') !== sum)
      return E.left(digestMismatch(url, digest.replace(/^sha256:/, ''), sum))
    const chart = loadChartArchive(bytes.right, url)
    // the loader's message names the archive too: keep the reason only
    if (E.isLeft(chart)) return E.left(notAChart(url, message(chart.left).replace(`${url}: `, '')))
    // Go's filepath.Base(url.Path): the path decoded, then its last segment; refused unless a file name of destDir
    const fromUrl = urlFileName(url)
    const target = fileIn(
      'chart archive',
      destDir,
      fromUrl ? fromUrl : `${chart.right.metadata.name}-${chart.right.metadata.version}.tgz`,
    )
    if (E.isLeft(target)) return target
    const path = target.right
    let provBytes: Uint8Array | undefined
    if (opts.prov || opts.verify) {
      const p = await httpGet(`${url}.prov`, auth)()
      if (E.isLeft(p)) return p
      provBytes = p.right
    }
    const w = await writeFileAtomic(path, bytes.right)()
    if (E.isLeft(w)) return w
    if (!provBytes) return E.right({ path })
    const provPath = `${path}.prov`
    const wp = await writeFileAtomic(provPath, provBytes)()
    if (E.isLeft(wp)) return wp
    if (!opts.verify) return E.right({ path, provPath })
    const v = await verifyArchive(path, opts.keyring ?? '', provPath)()
    if (E.isLeft(v)) {
      await rm(path, { force: true })
      await rm(provPath, { force: true })
      return v
    }
    return E.right({ path, provPath, verification: v.right })
  }

/** `resolveChartRef` options: the reference options plus provenance checking. */
export interface ResolveOptions {
  readonly version?: string | undefined
  readonly devel?: boolean | undefined
  readonly verify?: boolean | undefined
  readonly keyring?: string | undefined
  readonly repoUrl?: string | undefined
  readonly auth?: HttpAuth | undefined
}

/**
 * Turns what a user typed for CHART into a local path (Helm v2's locateChartPath): an existing folder or
 * archive as is (verified when asked; a folder cannot be), a chart in $HELM_HOME/repository, else `repo/chart`,
 * a URL or `--repo` downloaded into $HELM_HOME/cache/archive. For install/upgrade/template/inspect.
 */
export const resolveChartRef =
  (root: string, ref: string, opts: ResolveOptions = {}): TE.TaskEither<HelmError, string> =>
  async () => {
    const home = helmHome(root)
    const local = await stat(ref).catch(() => undefined)
    if (local && !opts.repoUrl) {
      const abs = resolve(ref)
      if (!opts.verify) return E.right(abs)
      if (local.isDirectory()) return E.left({ _tag: 'InvalidArgument', reason: 'cannot verify a directory' })
      const v = await verifyArchive(abs, opts.keyring ?? '')()
      return E.isLeft(v) ? v : E.right(abs)
    }
    if (ref.startsWith('.') || ref.startsWith('/')) return E.left({ _tag: 'ChartNotFound', path: ref })
    const inHome = join(home.repository, ref)
    if (!opts.repoUrl && (await stat(inHome).catch(() => undefined))) return E.right(inHome)
    const got = await downloadChart(home, ref, home.archive, { ...opts, prov: opts.verify })()
    return E.isLeft(got) ? got : E.right(got.right.path)
  }

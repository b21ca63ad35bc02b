import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import type { Dependency, Lock, Metadata } from '../../domain/chart/Chart'
import { decodeChartFile, decodeLock, decodeRequirements } from '../../domain/chart/ChartFile'
import { loadChartArchive } from '../../domain/chart/Load'
import { chartArchiveName } from '../../domain/chart/Save'
import { fileIn } from '../../domain/path/SafePath'
import type { HelmError } from '../../domain/errors'
import { fileUnreadable } from '../../domain/GeneralError'
import { satisfiesText } from '../../domain/semver/Constraint'
import { type IndexFile, findVersion } from '../../domain/repo/Index'
import { dependencyFiles, lockDigest, serializeLock } from '../../domain/repo/Lock'
import type { RepoEntry } from '../../domain/repo/RepoFile'
import { dependencyUnresolved, lockOutOfSync } from '../../domain/repo/RepoError'
import { loadChartPath, writeChartArchiveFile } from '../chart-fs/ChartFs'
import { entryAuth, resolveChartUrl } from '../http-repo/ChartRepository'
import { httpGet } from '../http-repo/HttpGet'
import { writeFileAtomic } from '../fs/AtomicFile'
import { nowGo } from './HelmHome'
import { type Source, chartVersionOf, indexLoader, parseConstraintOrAll, sources } from './DependencySources'
import { type UpdateOutcome, updateRepositories } from './Repositories'
import { verifyArchive } from './Signatory'

/** `dependency update`/`build` options. */
export interface DependencyOptions {
  /** do not refresh the cached indexes of the repositories first (`--skip-refresh`) */
  readonly skipRefresh?: boolean
  /** progress lines, as Helm prints them */
  readonly out?: (line: string) => void
  /** verify every downloaded archive against its .prov with `keyring` (`--verify`) */
  readonly verify?: boolean
  readonly keyring?: string
}

interface ChartDeps {
  readonly dir: string
  readonly metadata: Metadata
  readonly requirements: ReadonlyArray<Dependency>
  readonly lock?: Lock | undefined
  readonly files: { readonly deps: string; readonly lock: string }
}

const readText = async (p: string): Promise<string | undefined> => readFile(p, 'utf8').catch(() => undefined)

const readChartDeps = async (dir: string): Promise<E.Either<HelmError, ChartDeps>> => {
  const chartYaml = await readText(join(dir, 'Chart.yaml'))
  if (chartYaml === undefined) return E.left(fileUnreadable(join(dir, 'Chart.yaml'), 'no such file or directory'))
  const metadata = decodeChartFile(join(dir, 'Chart.yaml'), chartYaml)
  if (E.isLeft(metadata)) return metadata
  const files = dependencyFiles(metadata.right.apiVersion)
  let requirements: ReadonlyArray<Dependency> = metadata.right.dependencies ?? []
  if (files.deps === 'requirements.yaml') {
    const text = await readText(join(dir, files.deps))
    const req = text === undefined ? E.right([]) : decodeRequirements(join(dir, files.deps), text)
    if (E.isLeft(req)) return req
    requirements = req.right
  }
  const lockText = await readText(join(dir, files.lock))
  const lock = lockText === undefined ? undefined : decodeLock(join(dir, files.lock), lockText)
  if (lock && E.isLeft(lock)) return lock
  return E.right({ dir, metadata: metadata.right, requirements, lock: lock?.right, files })
}

const refreshLine = (o: UpdateOutcome): string =>
  o._tag === 'Updated'
    ? `...Successfully got an update from the ${JSON.stringify(o.repo.name)} chart repository`
    : o._tag === 'Skipped'
      ? `...Skip ${o.repo.name} chart repository`
      : `...Unable to get an update from the ${JSON.stringify(o.repo.name)} chart repository (${o.repo.url})`

const refresh = async (
  root: string,
  used: ReadonlyArray<RepoEntry>,
  out: (l: string) => void,
): Promise<E.Either<HelmError, void>> => {
  if (used.length === 0) return E.right(undefined)
  out('Hang tight while we grab the latest from your chart repositories...')
  const r = await updateRepositories(root, [...new Set(used.map((u) => u.name))], (o) => out(refreshLine(o)))()
  if (E.isLeft(r)) return r
  out('Update Complete. ⎈ Happy Helming!⎈ ')
  return E.right(undefined)
}

/** The archive bytes of one resolved dependency (a packaged local chart, or a download). */
const fetchDependency = async (
  d: Dependency,
  src: Source,
  index: (s: Extract<Source, { _tag: 'Repo' }>) => Promise<E.Either<HelmError, IndexFile>>,
  staging: string,
  opts: DependencyOptions,
): Promise<E.Either<HelmError, string>> => {
  const out = opts.out ?? (() => undefined)
  if (src._tag === 'Local') {
    const chart = await loadChartPath(src.path)()
    if (E.isLeft(chart)) return chart
    if (d.version && !satisfiesText(parseConstraintOrAll(d.version), chart.right.metadata.version))
      return E.left(
        dependencyUnresolved(
          d.name,
          `can't get a valid version for dependency ${d.name} (${d.version}) from ${d.repository}`,
        ),
      )
    return writeChartArchiveFile(chart.right, staging)()
  }
  const idx = await index(src)
  if (E.isLeft(idx)) return idx
  const cv = findVersion(idx.right, d.name, d.version ?? '')
  if (E.isLeft(cv)) return cv
  const url = cv.right?.urls[0]
  if (!cv.right || !url)
    return E.left(dependencyUnresolved(d.name, `chart version ${d.version ?? ''} not found in ${src.url}`))
  out(`Downloading ${d.name} from repo ${src.url}`)
  const full = resolveChartUrl(src.url, url)
  const bytes = await httpGet(full, entryAuth(src.entry))()
  if (E.isLeft(bytes)) return bytes
  const chart = loadChartArchive(bytes.right, full)
  if (E.isLeft(chart)) return chart
  const named = fileIn('chart archive', staging, chartArchiveName(chart.right.metadata))
  if (E.isLeft(named)) return named
  const target = named.right
  const w = await writeFileAtomic(target, bytes.right)()
  if (E.isLeft(w)) return w
  if (!opts.verify) return E.right(target)
  const prov = await httpGet(`${full}.prov`, entryAuth(src.entry))()
  if (E.isLeft(prov)) return prov
  const provPath = join(staging, `${basename(target)}.prov.check`)
  const wp = await writeFileAtomic(provPath, prov.right)()
  if (E.isLeft(wp)) return wp
  const v = await verifyArchive(target, opts.keyring ?? '', provPath)()
  await rm(provPath, { force: true })
  return E.isLeft(v) ? v : E.right(target)
}

/**
 * Places the resolved archives in `charts/`: each is staged in `tmpcharts/` first; only when every
 * download succeeded are older archives of the same charts deleted and the new ones moved in.
 */
const installAll = async (
  cd: ChartDeps,
  deps: ReadonlyArray<readonly [Dependency, Source]>,
  root: string,
  opts: DependencyOptions,
): Promise<E.Either<HelmError, ReadonlyArray<string>>> => {
  const out = opts.out ?? (() => undefined)
  const charts = join(cd.dir, 'charts')
  const staging = join(cd.dir, 'tmpcharts')
  await rm(staging, { recursive: true, force: true })
  await mkdir(staging, { recursive: true })
  out(`Saving ${deps.length} charts`)
  const index = indexLoader(root)
  const saved: string[] = []
  try {
    for (const [d, src] of deps) {
      const got = await fetchDependency(d, src, index, staging, opts)
      if (E.isLeft(got)) return got
      saved.push(got.right)
    }
    out('Deleting outdated charts')
    await mkdir(charts, { recursive: true })
    const names = new Set(deps.map(([d]) => d.name))
    for (const f of await readdir(charts)) {
      if (!f.endsWith('.tgz')) continue
      const bytes = await readFile(join(charts, f)).catch(() => undefined)
      const c = bytes ? loadChartArchive(new Uint8Array(bytes), f) : undefined
      if (c && E.isRight(c) && names.has(c.right.metadata.name)) await rm(join(charts, f), { force: true })
    }
    for (const p of saved) await rename(p, join(charts, p.slice(staging.length + 1)))
    return E.right(saved.map((p) => join(charts, p.slice(staging.length + 1))))
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
}

/**
 * `helm dependency update DIR`: resolves every dependency of requirements.yaml (Chart.yaml for apiVersion v2)
 * to the newest version its range allows (repositories by URL, `@name`/`alias:name`, or `file://` folders,
 * which are packaged), downloads them into charts/ and writes the lock with its digest. Returns the lock.
 * Left DependencyUnresolved, NoRepositoryDefinition, download and chart errors; charts/ is untouched then.
 */
export const dependencyUpdate =
  (root: string, dir: string, opts: DependencyOptions = {}): TE.TaskEither<HelmError, Lock | undefined> =>
  async () => {
    const out = opts.out ?? (() => undefined)
    const cd = await readChartDeps(dir)
    if (E.isLeft(cd)) return cd
    if (cd.right.requirements.length === 0) {
      out(`No requirements found in ${join(dir, 'charts')}.`)
      return E.right(undefined)
    }
    const src = await sources(root, cd.right.dir, cd.right.requirements)
    if (E.isLeft(src)) return src
    if (!opts.skipRefresh) {
      const r = await refresh(root, src.right.used, out)
      if (E.isLeft(r)) return r
    }
    const index = indexLoader(root)
    // Helm 3 (Chart.yaml v2 dependencies) writes and hashes `@name` repositories as their URLs; Helm 2 kept them
    const v3 = cd.right.metadata.apiVersion === 'v2'
    const hashed = src.right.list.map(([d, s]) => (v3 && s._tag === 'Repo' ? { ...d, repository: s.url } : d))
    const locked: Dependency[] = []
    for (const [i, [d, s]] of src.right.list.entries()) {
      const v = await chartVersionOf(d, s, index)
      if (E.isLeft(v)) return v
      locked.push({ name: d.name, version: v.right, repository: hashed[i]?.repository ?? '' })
    }
    const installed = await installAll(
      cd.right,
      src.right.list.map(([d, s], i) => [{ ...d, version: locked[i]?.version ?? '' }, s] as const),
      root,
      opts,
    )
    if (E.isLeft(installed)) return installed
    const lock: Lock = {
      generated: nowGo(),
      digest: lockDigest(cd.right.metadata.apiVersion, hashed, locked),
      dependencies: locked,
    }
    const w = await writeFileAtomic(join(dir, cd.right.files.lock), serializeLock(lock))()
    return E.isLeft(w) ? w : E.right(lock)
  }

/**
 * `helm dependency build DIR`: downloads exactly the versions of the lock file into charts/ (an update when
 * there is no lock). Left LockOutOfSync when the lock's digest no longer matches the dependencies.
 */
export const dependencyBuild =
  (root: string, dir: string, opts: DependencyOptions = {}): TE.TaskEither<HelmError, Lock | undefined> =>
  async () => {
    const out = opts.out ?? (() => undefined)
    const cd = await readChartDeps(dir)
    if (E.isLeft(cd)) return cd
    const lock = cd.right.lock
    if (!lock) return dependencyUpdate(root, dir, opts)()
    // Helm v2 hashed the requirements alone, Helm v3 the pair (requirements, lock): accept a lock either wrote
    const declared = await sources(root, cd.right.dir, cd.right.requirements)
    if (E.isLeft(declared)) return declared
    const resolved = declared.right.list.map(([d, s]) => (s._tag === 'Repo' ? { ...d, repository: s.url } : d))
    const sums = ['v1', 'v2'].flatMap((v) =>
      [cd.right.requirements, resolved].map((r) => lockDigest(v, r, lock.dependencies)),
    )
    if (!sums.includes(lock.digest)) return E.left(lockOutOfSync(cd.right.files.lock, cd.right.files.deps))
    const src = await sources(root, cd.right.dir, lock.dependencies)
    if (E.isLeft(src)) return src
    if (!opts.skipRefresh) {
      const r = await refresh(root, src.right.used, out)
      if (E.isLeft(r)) return r
    }
    const installed = await installAll(cd.right, src.right.list, root, opts)
    return E.isLeft(installed) ? installed : E.right(lock)
  }

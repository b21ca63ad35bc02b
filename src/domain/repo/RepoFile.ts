import * as E from 'fp-ts/Either'
import { parse as parseYaml } from 'yaml'
import { goYaml } from './Index'
import { type RepoError, invalidRepoName, invalidRepositoriesFile, repoExists, repoNotFound } from './RepoError'

/** One configured repository (an entry of repositories.yaml). */
export interface RepoEntry {
  readonly name: string
  readonly url: string
  readonly cache: string
  readonly username: string
  readonly password: string
  readonly certFile: string
  readonly keyFile: string
  readonly caFile: string
}

/** $HELM_HOME/repository/repositories.yaml. */
export interface RepoFile {
  readonly apiVersion: string
  readonly generated: string
  readonly repositories: ReadonlyArray<RepoEntry>
}

/** An entry with every field empty. */
export const emptyEntry: RepoEntry = {
  name: '',
  url: '',
  cache: '',
  username: '',
  password: '',
  certFile: '',
  keyFile: '',
  caFile: '',
}

/** A repository name `repo add` accepts: Helm 3+ refuses one holding '/' (InvalidRepoName, Helm's words). */
export const validRepoName = (name: string): E.Either<RepoError, string> =>
  name.includes('/') ? E.left(invalidRepoName(name)) : E.right(name)

/** An empty repositories file. */
export const emptyRepoFile = (generated: string): RepoFile => ({ apiVersion: 'v1', generated, repositories: [] })

const str = (u: unknown): string => (typeof u === 'string' ? u : typeof u === 'number' ? String(u) : '')

/** Parses repositories.yaml; Left InvalidRepositoriesFile when it is not YAML or has no repositories list shape. */
export const parseRepoFile = (path: string, text: string): E.Either<RepoError, RepoFile> => {
  let doc: unknown
  try {
    doc = parseYaml(text, { uniqueKeys: false })
  } catch (err) {
    return E.left(
      invalidRepositoriesFile(path, err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err)),
    )
  }
  if (doc === null || doc === undefined) return E.right(emptyRepoFile(''))
  if (typeof doc !== 'object' || Array.isArray(doc)) return E.left(invalidRepositoriesFile(path, 'not a YAML mapping'))
  const d = doc as Record<string, unknown>
  const list = d.repositories ?? []
  if (!Array.isArray(list)) return E.left(invalidRepositoriesFile(path, 'repositories is not a list'))
  const repositories = list
    .filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null)
    .map((r) => ({
      name: str(r.name),
      url: str(r.url),
      cache: str(r.cache),
      username: str(r.username),
      password: str(r.password),
      certFile: str(r.certFile),
      keyFile: str(r.keyFile),
      caFile: str(r.caFile),
    }))
  return E.right({ apiVersion: str(d.apiVersion) || 'v1', generated: str(d.generated), repositories })
}

/** repositories.yaml text as Helm v2 writes it (keys sorted). */
export const serializeRepoFile = (f: RepoFile): string =>
  goYaml({ apiVersion: f.apiVersion, generated: f.generated, repositories: f.repositories.map((r) => ({ ...r })) })

/** The repository named `name`, if configured. */
export const findRepo = (f: RepoFile, name: string): RepoEntry | undefined =>
  f.repositories.find((r) => r.name === name)

/** Adds a repository; Left RepoExists when the name is taken. */
export const addRepo = (f: RepoFile, entry: RepoEntry, generated: string): E.Either<RepoError, RepoFile> =>
  findRepo(f, entry.name)
    ? E.left(repoExists(entry.name))
    : E.right({ ...f, generated, repositories: [...f.repositories, entry] })

/** Replaces a repository with the same name, or adds it. */
export const upsertRepo = (f: RepoFile, entry: RepoEntry, generated: string): RepoFile => ({
  ...f,
  generated,
  repositories: findRepo(f, entry.name)
    ? f.repositories.map((r) => (r.name === entry.name ? entry : r))
    : [...f.repositories, entry],
})

/** Removes a repository; Left RepoNotFound. */
export const removeRepo = (f: RepoFile, name: string): E.Either<RepoError, RepoFile> =>
  findRepo(f, name)
    ? E.right({ ...f, repositories: f.repositories.filter((r) => r.name !== name) })
    : E.left(repoNotFound(name))

const normalizeUrl = (u: string): string => u.replace(/\/+$/, '')

/** The configured repository whose URL is `url` (trailing slashes ignored). */
export const findRepoByUrl = (f: RepoFile, url: string): RepoEntry | undefined =>
  f.repositories.find((r) => normalizeUrl(r.url) === normalizeUrl(url))

/** The configured repository whose URL prefixes `url` (to send its credentials with a chart download). */
export const findRepoForUrl = (f: RepoFile, url: string): RepoEntry | undefined =>
  f.repositories.find((r) => r.url !== '' && url.startsWith(normalizeUrl(r.url)))

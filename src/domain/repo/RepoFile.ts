import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as t from 'io-ts'
import { parse as parseYaml } from 'yaml'
import { firstProblem } from './Decode'
import { goYaml } from './Index'
import { type RepoError, invalidRepoName, invalidRepositoriesFile, repoExists, repoNotFound } from './RepoError'
import { lineAt, yamlDepthReason, yamlTooDeep } from '../yaml/Depth'

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

// A string field of Go's repo.Entry as YAML fills it: text (a number or bool as its text), null as empty.
const Field = new t.Type<string, string, unknown>(
  'text',
  (u): u is string => typeof u === 'string',
  (u, c) =>
    u === null || u === undefined
      ? t.success('')
      : typeof u === 'string'
        ? t.success(u)
        : typeof u === 'number' || typeof u === 'boolean'
          ? t.success(String(u))
          : t.failure(u, c, 'expected text'),
  t.identity,
)

// t.exact: keys Helm v2 does not know are ignored
const RepoEntryC = t.exact(
  t.partial({
    name: Field,
    url: Field,
    cache: Field,
    username: Field,
    password: Field,
    certFile: Field,
    keyFile: Field,
    caFile: Field,
  }),
)

const RepoListC = new t.Type<ReadonlyArray<t.TypeOf<typeof RepoEntryC>>, unknown, unknown>(
  'list of repositories',
  (u): u is ReadonlyArray<t.TypeOf<typeof RepoEntryC>> => Array.isArray(u),
  (u, c) => (u === null || u === undefined ? t.success([]) : t.array(RepoEntryC).validate(u, c)),
  t.identity,
)

const RepoFileC = t.exact(t.partial({ apiVersion: Field, generated: Field, repositories: RepoListC }))

/**
 * Parses repositories.yaml (io-ts): a mapping whose `repositories` is a list of entries with text fields.
 * Left InvalidRepositoriesFile naming the file and the key at fault (`key "repositories[1].url": ...`).
 */
export const parseRepoFile = (path: string, text: string): E.Either<RepoError, RepoFile> => {
  let doc: unknown
  const deep = yamlTooDeep(text)
  if (deep !== undefined)
    return E.left(invalidRepositoriesFile(path, `yaml: line ${lineAt(text, deep)}: ${yamlDepthReason}`))
  try {
    doc = parseYaml(text, { uniqueKeys: false })
  } catch (err) {
    return E.left(
      invalidRepositoriesFile(path, err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err)),
    )
  }
  if (doc === null || doc === undefined) return E.right(emptyRepoFile(''))
  if (typeof doc !== 'object' || Array.isArray(doc)) return E.left(invalidRepositoriesFile(path, 'not a YAML mapping'))
  return pipe(
    RepoFileC.decode(doc),
    E.bimap(
      (errs) => invalidRepositoriesFile(path, firstProblem(errs)),
      (d) => ({
        apiVersion: d.apiVersion || 'v1',
        generated: d.generated ?? '',
        repositories: (d.repositories ?? []).map((r) => ({ ...emptyEntry, ...r })),
      }),
    ),
  )
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

import * as E from 'fp-ts/Either'
import { RE2JS } from 're2js'
import { parseConstraint, satisfies } from '../semver/Constraint'
import type { SemverError } from '../semver/SemverError'
import type { ChartVersion, IndexFile } from './Index'
import { type GeneralError, invalidArgument } from '../GeneralError'
import type { RepoError } from './RepoError'
import { compareVersions, parseVersion, versionOrUndefined } from '../semver/Version'

/** One search hit: `repo/chart`, its match score (lower is better) and the chart version. */
export interface SearchResult {
  readonly name: string
  readonly score: number
  readonly chart: ChartVersion
}

/** What `helm search` searches: one line per chart (or per version with `all`), as Helm v2's search.Index. */
export interface SearchIndex {
  readonly lines: ReadonlyArray<{ readonly key: string; readonly line: string; readonly chart: ChartVersion }>
}

// Helm v2 joins the searchable fields with a vertical tab and scores a hit by which field it falls in.
const SEP = '\v'
const MAX_SCORE = 25

const indexLine = (repo: string, cv: ChartVersion): string =>
  `${cv.name}${SEP}${repo}/${cv.name}${SEP}${cv.description ?? ''}${SEP}${(cv.keywords ?? []).join(' ')}`

/** Builds the search index over named repository indexes; `all` adds every version, not only the newest. */
export const buildSearchIndex = (repos: ReadonlyArray<readonly [string, IndexFile]>, all: boolean): SearchIndex => {
  const lines: Array<SearchIndex['lines'][number]> = []
  for (const [repo, index] of repos)
    for (const [name, vs] of Object.entries(index.entries)) {
      const first = vs[0]
      if (!first) continue
      const key = `${repo}/${name}`
      for (const cv of all ? vs : [first]) lines.push({ key, line: indexLine(repo, cv), chart: cv })
    }
  return { lines }
}

const score = (at: number, line: string): number => {
  let n = 0
  for (let i = 0; i < line.length; i++)
    if (line[i] === SEP) {
      if (at <= i) return n
      n++
    }
  return n
}

/**
 * Searches the index: no term lists everything; a term is a case-insensitive substring, or with `regexp`
 * an RE2 regular expression. Left InvalidArgument when the regexp does not compile.
 */
export const search = (
  idx: SearchIndex,
  term: string | undefined,
  regexp: boolean,
): E.Either<GeneralError, ReadonlyArray<SearchResult>> => {
  if (term === undefined) return E.right(sortResults(idx.lines.map((l) => ({ name: l.key, score: 0, chart: l.chart }))))
  let find: (line: string) => number
  if (regexp) {
    let re: RE2JS
    try {
      re = RE2JS.compile(term)
    } catch (err) {
      return E.left(invalidArgument(`error parsing regexp: ${err instanceof Error ? err.message : String(err)}`))
    }
    find = (line) => {
      const m = re.matcher(line)
      return m.find() ? m.start() : -1
    }
  } else {
    const t = term.toLowerCase()
    find = (line) => line.toLowerCase().indexOf(t)
  }
  const out: SearchResult[] = []
  for (const l of idx.lines) {
    const at = find(l.line)
    if (at < 0) continue
    const s = score(at, l.line)
    if (s < MAX_SCORE) out.push({ name: regexp ? l.key : l.key.toLowerCase(), score: s, chart: l.chart })
  }
  return E.right(sortResults(out))
}

/** Lowest score first, then by name, then newest version first (Helm's SortScore). */
export const sortResults = (rs: ReadonlyArray<SearchResult>): ReadonlyArray<SearchResult> =>
  rs
    .map((r) => ({ r, v: versionOrUndefined(r.chart.version) }))
    .sort((a, b) => {
      if (a.r.score !== b.r.score) return a.r.score - b.r.score
      if (a.r.name !== b.r.name) return a.r.name < b.r.name ? -1 : 1
      return a.v && b.v ? -compareVersions(a.v, b.v) : 0
    })
    .map((x) => x.r)

/**
 * Keeps the results whose version satisfies `constraint` (unparsable versions pass, as in Helm v2); without
 * `allVersions` only the first match per chart. Left InvalidConstraint.
 */
export const applyConstraint = (
  rs: ReadonlyArray<SearchResult>,
  constraint: string,
  allVersions: boolean,
): E.Either<RepoError | SemverError, ReadonlyArray<SearchResult>> => {
  if (constraint === '') return E.right(rs)
  const c = parseConstraint(constraint)
  if (E.isLeft(c)) return c
  const seen = new Set<string>()
  const out: SearchResult[] = []
  for (const r of rs) {
    if (seen.has(r.name)) continue
    const v = parseVersion(r.chart.version)
    if (E.isLeft(v) || satisfies(c.right, v.right)) {
      out.push(r)
      if (!allVersions) seen.add(r.name)
    }
  }
  return E.right(out)
}

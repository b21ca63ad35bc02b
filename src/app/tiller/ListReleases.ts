import * as E from 'fp-ts/Either'
import { RE2JS } from 're2js'
import type { Program } from './Deps'
import { invalidArgument } from '../../domain/GeneralError'
import { settle } from '../../domain/release/History'
import type { Release } from '../../domain/release/Release'
import type { ListReleasesRequest, ListReleasesResponse } from '../../domain/release/ReleaseService'

const byName = (a: Release, b: Release): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version - b.version)
const lastDeployed = (r: Release): number =>
  (r.info.lastDeployed?.seconds ?? 0) * 1e9 + (r.info.lastDeployed?.nanos ?? 0)

/**
 * Helm v2 ListReleases: every stored revision whose status (as readers see it, `settle`) is in `statusCodes` (default DEPLOYED), in
 * `namespace` if given, whose name matches the RE2 `filter`; sorted by NAME, LAST_RELEASED or
 * CHART_NAME (UNKNOWN: by name, then revision), reversed for DESC; then paged from the release named
 * `offset`, at most `limit` (default 512), `next` naming the first release of the next page.
 * Errors: InvalidArgument (a bad filter, an offset not found), StoreError.
 */
export const listReleases =
  (req: ListReleasesRequest): Program<ListReleasesResponse> =>
  (d) =>
  async () => {
    const codes = new Set(req.statusCodes && req.statusCodes.length > 0 ? req.statusCodes : ['DEPLOYED'])
    let matcher: RE2JS | undefined
    if (req.filter) {
      try {
        matcher = RE2JS.compile(req.filter)
      } catch (err) {
        return E.left(invalidArgument(`error parsing regexp: ${err instanceof Error ? err.message : String(err)}`))
      }
    }
    // DEPLOYED revisions are read too: an older DEPLOYED one reads SUPERSEDED (see `settle`)
    const all = await d.store.list((r) => codes.has(r.info.status.code) || r.info.status.code === 'DEPLOYED')()
    if (E.isLeft(all)) return all
    let rels = settle(all.right)
      .filter((r) => codes.has(r.info.status.code))
      .filter((r) => (!req.namespace || r.namespace === req.namespace) && (!matcher || matcher.matcher(r.name).find()))
    rels = [...rels].sort(byName)
    if (req.sortBy === 'LAST_RELEASED') rels.sort((a, b) => lastDeployed(a) - lastDeployed(b))
    if (req.sortBy === 'CHART_NAME')
      rels.sort((a, b) =>
        a.chart.metadata.name < b.chart.metadata.name ? -1 : a.chart.metadata.name > b.chart.metadata.name ? 1 : 0,
      )
    if (req.sortOrder === 'DESC') rels.reverse()
    const total = rels.length
    if (req.offset) {
      const at = rels.findIndex((r) => r.name === req.offset)
      if (at < 0) return E.left(invalidArgument(`offset "${req.offset}" not found`))
      rels = rels.slice(at)
    }
    const limit = req.limit && req.limit > 0 ? req.limit : 512
    const next = rels.length > limit ? rels[limit]!.name : ''
    const page = rels.slice(0, limit)
    return E.right({ count: page.length, next, total, releases: page })
  }

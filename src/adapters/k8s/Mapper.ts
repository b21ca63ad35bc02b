// Discovery-based kind → resource mapping with a cache (refreshed once on a miss, so kinds that a
// CustomResourceDefinition adds are found).
import * as E from 'fp-ts/Either'
import type * as t from 'io-ts'
import { ApiGroupListC, ApiResourceListC, ApiVersionsC, decodeJson, VersionC } from '../../domain/release/ApiBodies'
import type { ApiResource, Discovery } from '../../domain/release/KubeObject'
import type { Rest } from './Rest'

/** The REST path pieces of one kind. */
export interface Mapping {
  readonly groupVersion: string
  readonly resource: string
  readonly namespaced: boolean
  /** `deployments.apps`, as errors name it. */
  readonly qualified: string
}

const prefix = (gv: string): string => (gv.includes('/') ? `/apis/${gv}` : `/api/${gv}`)

/** The collection path of a mapping (`/apis/apps/v1/namespaces/ns/deployments`). */
export const collectionPath = (m: Mapping, namespace: string | undefined): string =>
  `${prefix(m.groupVersion)}${m.namespaced && namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : ''}/${m.resource}`

/** A discovery document decoded with `codec`; undefined for 404; throws for other failures and bad bodies. */
const getJson = async <A>(rest: Rest, path: string, codec: t.Decoder<unknown, A>): Promise<A | undefined> => {
  const res = await rest.request({ method: 'GET', path })
  if (res.status === 404) return undefined
  if (res.status < 200 || res.status >= 300)
    throw Object.assign(new Error(`discovery ${path}: ${res.status}`), { response: res })
  const doc = decodeJson(codec, res.text, `discovery ${path}`)
  if (E.isLeft(doc)) throw new Error(doc.left)
  return doc.right
}

/** How long a whole discovery document may serve `discover({ cached: true })` (client-go's disk cache: 10 min). */
const CACHED_DISCOVERY_MS = 60_000

/** Reads discovery and caches the kind table. */
export class Mapper {
  private perGv = new Map<string, ReadonlyArray<ApiResource>>()
  private version: Discovery['serverVersion'] | undefined
  private last: { readonly at: number; readonly doc: Discovery } | undefined

  constructor(
    private readonly rest: Rest,
    private readonly now: () => number = Date.now,
  ) {}

  private async groupVersion(gv: string, refresh: boolean): Promise<ReadonlyArray<ApiResource>> {
    const cached = this.perGv.get(gv)
    if (cached && !refresh) return cached
    const doc = await getJson(this.rest, prefix(gv), ApiResourceListC)
    const list: ApiResource[] = (doc?.resources ?? [])
      .filter((r) => !r.name.includes('/'))
      .map((r) => ({ groupVersion: gv, kind: r.kind, name: r.name, namespaced: Boolean(r.namespaced) }))
    this.perGv.set(gv, list)
    return list
  }

  /** The mapping of a kind, or undefined when the server does not serve it. */
  async map(apiVersion: string, kind: string): Promise<Mapping | undefined> {
    for (const refresh of [false, true]) {
      const found = (await this.groupVersion(apiVersion, refresh)).find((r) => r.kind === kind)
      if (found) {
        const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : ''
        return {
          groupVersion: apiVersion,
          resource: found.name,
          namespaced: found.namespaced,
          qualified: group ? `${found.name}.${group}` : found.name,
        }
      }
    }
    return undefined
  }

  /**
   * The whole discovery document (server version and every served kind), read afresh; with `cached`, the last
   * one read within CACHED_DISCOVERY_MS when there is one. The group versions are read concurrently, as
   * client-go's `ServerGroupsAndResources` does (one goroutine per group version), in the order /api and /apis
   * list them.
   */
  async discover(cached = false): Promise<Discovery> {
    const last = this.last
    if (cached && last !== undefined && this.now() - last.at < CACHED_DISCOVERY_MS) return last.doc
    const at = this.now()
    const [v, core, groups] = await Promise.all([
      getJson(this.rest, '/version', VersionC),
      getJson(this.rest, '/api', ApiVersionsC),
      getJson(this.rest, '/apis', ApiGroupListC),
    ])
    this.version = { major: v?.major ?? '', minor: v?.minor ?? '', gitVersion: v?.gitVersion ?? '' }
    const gvs: string[] = [...(core?.versions ?? [])]
    for (const g of groups?.groups ?? []) for (const v2 of g.versions) gvs.push(v2.groupVersion)
    const lists = await Promise.all(gvs.map((gv) => this.groupVersion(gv, true)))
    const doc = { serverVersion: this.version, resources: lists.flat() }
    this.last = { at, doc }
    return doc
  }
}

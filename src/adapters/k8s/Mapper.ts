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

/** Reads discovery and caches the kind table. */
export class Mapper {
  private perGv = new Map<string, ReadonlyArray<ApiResource>>()
  private version: Discovery['serverVersion'] | undefined

  constructor(private readonly rest: Rest) {}

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

  /** The whole discovery document (server version and every served kind), read afresh. */
  async discover(): Promise<Discovery> {
    const v = await getJson(this.rest, '/version', VersionC)
    this.version = { major: v?.major ?? '', minor: v?.minor ?? '', gitVersion: v?.gitVersion ?? '' }
    const gvs: string[] = [...((await getJson(this.rest, '/api', ApiVersionsC))?.versions ?? [])]
    for (const g of (await getJson(this.rest, '/apis', ApiGroupListC))?.groups ?? [])
      for (const v2 of g.versions) gvs.push(v2.groupVersion)
    const resources: ApiResource[] = []
    for (const gv of gvs) resources.push(...(await this.groupVersion(gv, true)))
    return { serverVersion: this.version, resources }
  }
}

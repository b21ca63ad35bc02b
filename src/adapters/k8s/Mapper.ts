// Discovery-based kind → resource mapping with a cache (refreshed once on a miss, so kinds that a
// CustomResourceDefinition adds are found).
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

const getJson = async (rest: Rest, path: string): Promise<any> => {
  const res = await rest.request({ method: 'GET', path })
  if (res.status === 404) return undefined
  if (res.status < 200 || res.status >= 300)
    throw Object.assign(new Error(`discovery ${path}: ${res.status}`), { response: res })
  return JSON.parse(res.text)
}

/** Reads discovery and caches the kind table. */
export class Mapper {
  private perGv = new Map<string, ReadonlyArray<ApiResource>>()
  private version: Discovery['serverVersion'] | undefined

  constructor(private readonly rest: Rest) {}

  private async groupVersion(gv: string, refresh: boolean): Promise<ReadonlyArray<ApiResource>> {
    const cached = this.perGv.get(gv)
    if (cached && !refresh) return cached
    const doc = await getJson(this.rest, prefix(gv))
    const list: ApiResource[] = (doc?.resources ?? [])
      .filter((r: any) => !String(r.name).includes('/'))
      .map((r: any) => ({ groupVersion: gv, kind: r.kind, name: r.name, namespaced: Boolean(r.namespaced) }))
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
    const v = await getJson(this.rest, '/version')
    this.version = {
      major: String(v?.major ?? ''),
      minor: String(v?.minor ?? ''),
      gitVersion: String(v?.gitVersion ?? ''),
    }
    const gvs: string[] = [...((await getJson(this.rest, '/api'))?.versions ?? [])]
    for (const g of (await getJson(this.rest, '/apis'))?.groups ?? [])
      for (const v2 of g.versions ?? []) gvs.push(v2.groupVersion)
    const resources: ApiResource[] = []
    for (const gv of gvs) resources.push(...(await this.groupVersion(gv, true)))
    return { serverVersion: this.version, resources }
  }
}

// The resource registry (built-ins + stored CRDs) and the discovery documents kubectl and client-node read.
import { builtinResources, crdResources, groupVersion, type KObj, type ResourceType } from './Resources'
import type { ObjectStore } from './Store'

const CRD_KEY = 'apiextensions.k8s.io/customresourcedefinitions'

/** Served resources, recomputed when a CustomResourceDefinition changes. */
export class Registry {
  private cache: ReadonlyArray<ResourceType> | undefined

  constructor(private readonly store: ObjectStore) {
    store.subscribe((e) => {
      if (e.res === CRD_KEY) this.cache = undefined
    })
  }

  all(): ReadonlyArray<ResourceType> {
    if (!this.cache) {
      const crds = this.store.list(CRD_KEY).filter((c) => !c.metadata.deletionTimestamp)
      this.cache = [...builtinResources, ...crds.flatMap(crdResources)]
    }
    return this.cache
  }

  find(group: string, version: string, plural: string): ResourceType | undefined {
    return this.all().find((r) => r.group === group && r.version === version && r.plural === plural)
  }

  /** Any served version of a kind in a group (used by the garbage collector and controllers). */
  byKind(group: string, kind: string): ResourceType | undefined {
    return this.all().find((r) => r.group === group && r.kind === kind)
  }

  /** Groups in discovery order, each with its versions (the first one preferred). */
  groups(): Array<{ name: string; versions: string[] }> {
    const out: Array<{ name: string; versions: string[] }> = []
    for (const r of this.all()) {
      let g = out.find((x) => x.name === r.group)
      if (!g) out.push((g = { name: r.group, versions: [] }))
      if (!g.versions.includes(r.version)) g.versions.push(r.version)
    }
    return out
  }
}

/** The server version the sandbox reports on `/version`. */
export interface ServerVersion {
  readonly major: string
  readonly minor: string
  readonly gitVersion: string
}

export const versionDoc = (v: ServerVersion): KObj => ({
  ...v,
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23.4',
  compiler: 'gc',
  platform: 'linux/amd64',
})

export const apiVersionsDoc = (address: string): KObj => ({
  kind: 'APIVersions',
  versions: ['v1'],
  serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: address }],
})

const groupDoc = (g: { name: string; versions: string[] }): KObj => {
  const versions = g.versions.map((v) => ({ groupVersion: `${g.name}/${v}`, version: v }))
  return { name: g.name, versions, preferredVersion: versions[0] }
}

export const apiGroupListDoc = (reg: Registry): KObj => ({
  kind: 'APIGroupList',
  apiVersion: 'v1',
  groups: reg
    .groups()
    .filter((g) => g.name !== '')
    .map(groupDoc),
})

export const apiGroupDoc = (reg: Registry, name: string): KObj | undefined => {
  const g = reg.groups().find((x) => x.name === name && name !== '')
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...groupDoc(g) } : undefined
}

/** The APIResourceList of one group version; subresources come after their resource (client-node takes the
 * first entry whose kind matches). */
export const resourceListDoc = (reg: Registry, group: string, version: string): KObj | undefined => {
  const rs = reg.all().filter((r) => r.group === group && r.version === version)
  if (rs.length === 0) return undefined
  const resources: KObj[] = []
  for (const r of rs) {
    resources.push({
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
      ...(r.shortNames.length > 0 ? { shortNames: r.shortNames } : {}),
      ...(r.categories ? { categories: r.categories } : {}),
    })
    if (r.status)
      resources.push({
        name: `${r.plural}/status`,
        singularName: '',
        namespaced: r.namespaced,
        kind: r.kind,
        verbs: ['get', 'patch', 'update'],
      })
    if (r.scale)
      resources.push({
        name: `${r.plural}/scale`,
        singularName: '',
        namespaced: r.namespaced,
        group: 'autoscaling',
        version: 'v1',
        kind: 'Scale',
        verbs: ['get', 'patch', 'update'],
      })
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: groupVersion({ group, version }), resources }
}

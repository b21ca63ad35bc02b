// The discovery documents kubectl and client-node read, from the fake cluster's resource registry.
import type { JsonObject as KObj } from './engine/Json'
import type { ServerVersion } from './engine/Engine'
import type { Registry } from './engine/Registry'
import { groupVersion } from './engine/Resources'

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

// The resource registry: built-in kinds plus those the stored CustomResourceDefinitions serve.
import { builtinResources, crdResources, type ResourceType } from './Resources'
import type { ObjectStore } from './Store'

const CRD_KEY = 'apiextensions.k8s.io/customresourcedefinitions'

/** Served resources, recomputed when a CustomResourceDefinition changes. */
export class Registry {
  private cache: ReadonlyArray<ResourceType> | undefined
  // every request and controller step looks a resource up: answers kept until the served set changes
  private readonly lookups = new Map<string, ResourceType | undefined>()

  constructor(private readonly store: ObjectStore) {
    store.subscribe((e) => {
      if (e.res === CRD_KEY) {
        this.cache = undefined
        this.lookups.clear()
      }
    })
  }

  private lookup(key: string, find: () => ResourceType | undefined): ResourceType | undefined {
    if (this.lookups.has(key)) return this.lookups.get(key)
    const r = find()
    this.lookups.set(key, r)
    return r
  }

  all(): ReadonlyArray<ResourceType> {
    if (!this.cache) {
      const crds = this.store.list(CRD_KEY).filter((c) => !c.metadata.deletionTimestamp)
      this.cache = [...builtinResources, ...crds.flatMap(crdResources)]
    }
    return this.cache
  }

  find(group: string, version: string, plural: string): ResourceType | undefined {
    return this.lookup(`p\u0000${group}\u0000${version}\u0000${plural}`, () =>
      this.all().find((r) => r.group === group && r.version === version && r.plural === plural),
    )
  }

  /** The resource of `apiVersion` (`apps/v1`, `v1`) and kind, if served. */
  byApiVersion(apiVersion: string, kind: string): ResourceType | undefined {
    return this.lookup(`v\u0000${apiVersion}\u0000${kind}`, () => {
      const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion]
      return this.all().find((r) => r.group === group && r.version === version && r.kind === kind)
    })
  }

  /** Any served version of a kind in a group (used by the garbage collector and controllers). */
  byKind(group: string, kind: string): ResourceType | undefined {
    return this.lookup(`k\u0000${group}\u0000${kind}`, () =>
      this.all().find((r) => r.group === group && r.kind === kind),
    )
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

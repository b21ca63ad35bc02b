import * as E from 'fp-ts/Either'
import { parseDocument } from 'yaml'
import { splitManifests } from '../manifest/Split'
import type { KubeObject } from './KubeObject'
import { manifestParseError, type ReleaseError } from './ReleaseError'
import { yamlDepthReason } from '../yaml/Depth'
import { isStackOverflow } from '../go/Budget'

// Tiller reads one manifest document several times per operation (apply, hooks, status); parsing is pure,
// so results are memoised by text. Callers never mutate what they get.
const parsed = new Map<string, E.Either<string, unknown>>()
const parseDoc = (doc: string): E.Either<string, unknown> => {
  const hit = parsed.get(doc)
  if (hit !== undefined) return hit
  if (parsed.size >= 4096) parsed.clear()
  const r = parseDocUncached(doc)
  parsed.set(doc, r)
  return r
}

const parseDocUncached = (doc: string): E.Either<string, unknown> => {
  const d = parseDocument(doc, { uniqueKeys: false, merge: true })
  // the YAML composer recurses: a stack that ends is a document nested too deep (see yaml/Depth)
  if (d.errors.length > 0)
    return E.left(/call stack/.test(d.errors[0]!.message) ? yamlDepthReason : d.errors[0]!.message.split('\n')[0]!)
  try {
    return E.right(d.toJS({ maxAliasCount: -1 }) ?? null)
  } catch (e) {
    if (isStackOverflow(e)) return E.left(yamlDepthReason)
    throw e
  }
}

/** A document of a release manifest decoded for the cluster, with the template it came from. */
export interface ManifestObject {
  readonly source: string
  readonly object: KubeObject
}

/**
 * The Kubernetes objects of a release manifest (or a hook's manifest), in manifest order; documents that
 * hold no object (only comments) are dropped. `# Source:` lines name the template of what follows.
 * Fails with ManifestParseError on YAML errors and on a document without apiVersion/kind/metadata.name.
 */
export const manifestObjects = (manifest: string): E.Either<ReleaseError, ManifestObject[]> => {
  const out: ManifestObject[] = []
  for (const doc of splitManifests(manifest)) {
    const source = /^# Source: (.*)$/m.exec(doc)?.[1] ?? ''
    // parse the document without its Source line (the same text as other reads of it: memoised)
    const v = parseDoc(doc.startsWith('# Source: ') ? doc.slice(doc.indexOf('\n') + 1) : doc)
    if (E.isLeft(v)) return E.left(manifestParseError(source, v.left))
    if (v.right === null || v.right === undefined) continue
    const o = v.right as Partial<KubeObject>
    if (typeof o !== 'object' || Array.isArray(o) || !o.kind || !o.apiVersion)
      return E.left(manifestParseError(source, 'error validating data: apiVersion or kind not set'))
    if (typeof o.metadata?.name !== 'string' && typeof o.metadata?.generateName !== 'string')
      return E.left(manifestParseError(source, `${o.kind}: metadata.name not set`))
    out.push({ source, object: o as KubeObject })
  }
  return E.right(out)
}

import * as E from 'fp-ts/Either'
import { parseDocument } from 'yaml'
import { hookOf, type SimpleHead } from './Hooks'
import { renderedDocuments } from '../manifest/Documents'
import { installOrder, sortByKind } from '../manifest/KindOrder'
import { splitManifests } from '../manifest/Split'
import type { KubeObject } from './KubeObject'
import type { Hook } from './Release'
import { manifestParseError, type ReleaseError } from './ReleaseError'

export type { SimpleHead } from './Hooks'

/** One rendered, non-hook document and the template it came from. */
export interface Manifest {
  /** Template path, `mychart/templates/deployment.yaml`. */
  readonly name: string
  readonly content: string
  readonly head: SimpleHead
}

// Tiller reads one manifest document several times per operation (sort, plan, hooks, status); parsing
// is pure, so results are memoised by text. Callers never mutate what they get.
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
  if (d.errors.length > 0) return E.left(d.errors[0]!.message.split('\n')[0]!)
  return E.right(d.toJS({ maxAliasCount: -1 }) ?? null)
}

/** The head (apiVersion, kind, name, annotations) of one document; Left with the YAML error. */
export const manifestHead = (doc: string): E.Either<string, SimpleHead> =>
  E.map((v: unknown) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as SimpleHead) : {}))(
    parseDoc(doc),
  )

/** Rendered templates split into hooks and kind-sorted manifests. */
export interface SortedManifests {
  readonly hooks: ReadonlyArray<Hook>
  readonly manifests: ReadonlyArray<Manifest>
}

/**
 * Helm's `sortManifests` over `renderedDocuments(files)`: an `helm.sh/hook` document becomes a Hook
 * (skipped when an event is unknown), every other document a Manifest; manifests are sorted by kind in `order`.
 * Fails with ManifestParseError on a document that is not YAML.
 */
export const sortManifests = (
  files: ReadonlyMap<string, string>,
  order: ReadonlyArray<string> = installOrder,
): E.Either<ReleaseError, SortedManifests> => {
  const hooks: Hook[] = []
  const generic: Manifest[] = []
  for (const { path, content } of renderedDocuments(files)) {
    const head = manifestHead(content)
    if (E.isLeft(head)) return E.left(manifestParseError(path, head.left))
    const hook = hookOf(head.right, path, content)
    if (hook === 'unknown') continue
    if (hook === undefined) generic.push({ name: path, content, head: head.right })
    else hooks.push(hook)
  }
  return E.right({ hooks, manifests: sortByKind(generic, (m) => m.head.kind ?? '', order) })
}

/** The release manifest text: `---\n# Source: <path>\n<content>\n` per manifest (Helm v2's layout). */
export const joinManifests = (ms: ReadonlyArray<Manifest>): string =>
  ms.map((m) => `---\n# Source: ${m.name}\n${m.content}\n`).join('')

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
    // parse the document without its Source line: the same text sortManifests parsed (memoised)
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

import * as E from 'fp-ts/Either'
import { formatValue } from '../go/Fmt'
import { compareBytes, GoInt, type GoMap, type Value } from '../go/Value'
import { headOfNode, headReadError, type SimpleHead } from '../manifest/Head'
import { splitManifests } from '../manifest/Split'
import { parseYamlNode } from '../yaml/Read'
import type { KubeObject } from './KubeObject'
import { manifestParseError, type ReleaseError } from './ReleaseError'

/** One read of a manifest document: its head (for the sort) and the object Helm v2's kube client builds. */
interface DocumentRead {
  readonly head: E.Either<string, SimpleHead>
  readonly object: E.Either<string, unknown>
}

class NotJson extends Error {}

/** json.Marshal's refusal of NaN and ±Inf: the first one in its sorted-key order is the one named. */
const refuseNonFinite = (v: Value): void => {
  if (typeof v === 'number') {
    if (!Number.isFinite(v))
      throw new NotJson(`error converting YAML to JSON: json: unsupported value: ${formatValue(v)}`)
  } else if (Array.isArray(v)) for (const x of v) refuseNonFinite(x)
  else if (v !== null && typeof v === 'object' && !(v instanceof GoInt))
    for (const k of Object.keys(v).sort(compareBytes)) refuseNonFinite((v as GoMap)[k])
}

/** Replaces yaml.v2's int64/uint64 values by JSON numbers in place; true when a NaN or ±Inf was met. */
const numbersInPlace = (v: Value): boolean => {
  let nonFinite = false
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i]
      if (x instanceof GoInt) v[i] = Number(x.value)
      else if (typeof x === 'object' && x !== null) nonFinite = numbersInPlace(x) || nonFinite
      else if (typeof x === 'number' && !Number.isFinite(x)) nonFinite = true
    }
  } else if (v !== null && typeof v === 'object' && !(v instanceof GoInt)) {
    const m = v as GoMap
    for (const k in m) {
      const x = m[k]
      if (x instanceof GoInt) m[k] = Number(x.value)
      else if (typeof x === 'object' && x !== null) nonFinite = numbersInPlace(x) || nonFinite
      else if (typeof x === 'number' && !Number.isFinite(x)) nonFinite = true
    }
  }
  return nonFinite
}

/**
 * The object Helm v2's kube client builds from a document (apimachinery's YAMLOrJSONDecoder: sigs.k8s.io/yaml's
 * YAMLToJSON of yaml.v2's value, no Go target, then JSON): YAML 1.1 booleans, `0755` octal, merge keys, last
 * duplicate key wins, non-string keys as sigs.k8s.io/yaml writes them, ints as numbers; NaN and ±Inf refused as
 * json.Marshal refuses them. `node` (parseYamlNode's own fresh value) is converted in place.
 */
const objectOf = (node: Value): E.Either<string, unknown> => {
  if (node instanceof GoInt) return E.right(Number(node.value))
  try {
    if (typeof node === 'number' || numbersInPlace(node)) refuseNonFinite(node)
    return E.right(node ?? null)
  } catch (e) {
    if (e instanceof NotJson) return E.left(e.message)
    throw e
  }
}

// Tiller reads one document several times per operation (sort, apply, hooks, status): reading is pure, so
// reads are memoised by text. Callers never mutate what they get.
const reads = new Map<string, DocumentRead>()

/** One yaml.v2 read of a document (parseYamlNode: the same read readHead makes), head and object. */
const readDocument = (doc: string): DocumentRead => {
  const hit = reads.get(doc)
  if (hit !== undefined) return hit
  if (reads.size >= 4096) reads.clear()
  const node = parseYamlNode('', doc)
  let r: DocumentRead
  if (E.isLeft(node)) {
    const reason = headReadError(node.left)
    r = { head: E.left(reason), object: E.left(reason) }
  } else {
    // the head first: the object is made from the same value in place
    const head = headOfNode(node.right)
    r = { head, object: objectOf(node.right) }
  }
  reads.set(doc, r)
  return r
}

/**
 * `readHead` for Tiller's sort (sortManifests' `read`): the document is read once, and the object that
 * manifestObjects builds from it later is kept (Tiller sorts, then applies the same documents).
 */
export const readHeadKeepingObject = (doc: string): E.Either<string, SimpleHead> => readDocument(doc).head

/** A document of a release manifest decoded for the cluster, with the template it came from. */
export interface ManifestObject {
  readonly source: string
  readonly object: KubeObject
}

/**
 * The Kubernetes objects of a release manifest (or a hook's manifest), in manifest order, each read as Helm v2's
 * Tiller sends it (yaml.v2, then JSON); documents that hold no object (only comments) are dropped. `# Source:`
 * lines name the template of what follows. Fails with ManifestParseError on YAML errors and on a document
 * without apiVersion/kind/metadata.name.
 */
export const manifestObjects = (manifest: string): E.Either<ReleaseError, ManifestObject[]> => {
  const out: ManifestObject[] = []
  for (const doc of splitManifests(manifest)) {
    const source = /^# Source: (.*)$/m.exec(doc)?.[1] ?? ''
    // the document without its Source line: the text the sort read
    const v = readDocument(doc.startsWith('# Source: ') ? doc.slice(doc.indexOf('\n') + 1) : doc).object
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

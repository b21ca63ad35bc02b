/**
 * A validating read of a document's top-level fields, for readers that need a few fields but must accept and
 * refuse exactly what the full read (`parseYamlNode`) accepts and refuses: the manifest sorter reads only
 * apiVersion, kind and metadata, yet Helm's sort fails on any error anywhere in the document.
 *
 * The whole event stream is read by the same parser (so every syntax error is met), but only the wanted fields
 * are built and decoded; the rest is checked without building values. Anything whose decoding could fail or
 * depend on other parts of the document (an alias, an anchor, a tag, a merge key, a key that is not a string,
 * NaN or ±Inf, a document that is not a mapping, a very large one) makes this read give up, and the caller
 * reads the document in full: the answer is then the full read's, errors included.
 */
import type { GoMap, Value } from '../go/Value'
import { Decoder, type Node, toValue } from './Decode'
import { MAX_DEPTH, MAX_NODES } from './Depth'
import { Parser, type YamlEvent } from './Parser'
import { YamlFailure } from './Reader'
import { resolveScalar, resolvesNonFinite } from './Resolve'

/** The document needs the full read. */
class GiveUp extends Error {}
const giveUp = new GiveUp()

const plainScalar = (e: YamlEvent): e is Extract<YamlEvent, { type: 'scalar' }> =>
  e.type === 'scalar' && e.anchor === '' && e.tag === ''

/** A key the full read turns into the same JSON string without any conversion (no merge key, no null, int, ...). */
const stringKey = (e: YamlEvent): string => {
  if (!plainScalar(e)) throw giveUp
  if (e.implicit && resolveScalar(e.value, '', true).kind !== 'str') throw giveUp
  return e.value
}

class Walk {
  private depth = 1

  constructor(private readonly p: Parser) {}

  /** Reads one node's events, checking them; builds nothing. */
  skip(e: YamlEvent): void {
    if (e.type === 'scalar') {
      if (e.anchor !== '' || e.tag !== '' || (e.implicit && resolvesNonFinite(e.value))) throw giveUp
      return
    }
    if ((e.type !== 'mapping-start' && e.type !== 'sequence-start') || e.anchor !== '' || e.tag !== '') throw giveUp
    if (++this.depth > MAX_DEPTH) throw giveUp
    const p = this.p
    if (e.type === 'sequence-start') for (let c = p.next(); c.type !== 'sequence-end'; c = p.next()) this.skip(c)
    else
      for (let k = p.next(); k.type !== 'mapping-end'; k = p.next()) {
        stringKey(k)
        this.skip(p.next())
      }
    this.depth--
  }

  /** Reads one node's events into the node the full read composes (aliases, anchors and tags left to it). */
  build(e: YamlEvent): Node {
    if (e.type === 'scalar') {
      if (e.anchor !== '' || e.tag !== '') throw giveUp
      return { kind: 'scalar', value: e.value, tag: e.tag, implicit: e.implicit, line: e.start.line + 1 }
    }
    if ((e.type !== 'mapping-start' && e.type !== 'sequence-start') || e.anchor !== '' || e.tag !== '') throw giveUp
    if (++this.depth > MAX_DEPTH) throw giveUp
    const children: Node[] = []
    const end = e.type === 'sequence-start' ? 'sequence-end' : 'mapping-end'
    for (let c = this.p.next(); c.type !== end; c = this.p.next()) children.push(this.build(c))
    this.depth--
    return { kind: e.type === 'sequence-start' ? 'sequence' : 'mapping', children }
  }
}

/**
 * The entries of the document's top-level mapping whose keys `wanted` accepts, decoded as `parseYamlNode`
 * decodes them (ints as GoInt, NaN and ±Inf kept), when the full read would accept the document and every
 * other entry is plain (see above); undefined when the document needs the full read (errors included).
 */
export const readTopFields = (text: string, wanted: (key: string) => boolean): GoMap | undefined => {
  if (text.length >= MAX_NODES) return undefined
  try {
    // the events the full read's composer takes, in its order: stream start, document start, the root node,
    // then the document's end (which may read ahead into the next document)
    const p = new Parser(text)
    p.next()
    if (p.next().type === 'stream-end') return undefined
    const root = p.next()
    if (root.type !== 'mapping-start' || root.anchor !== '' || root.tag !== '') return undefined
    const w = new Walk(p)
    const children: Node[] = []
    for (let k = p.next(); k.type !== 'mapping-end'; k = p.next()) {
      const key = stringKey(k)
      const v = p.next()
      if (wanted(key)) children.push(w.build(k), w.build(v))
      else w.skip(v)
    }
    p.next()
    const value: Value = toValue(new Decoder().decode({ kind: 'mapping', children }), {
      intAsBigInt: true,
      keepNonFinite: true,
    })
    return value as GoMap
  } catch (e) {
    if (e instanceof GiveUp || e instanceof YamlFailure) return undefined
    throw e
  }
}

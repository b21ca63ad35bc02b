/**
 * The nesting bound of every document Wheelhouse decodes (values, Chart.yaml, requirements, index.yaml,
 * manifests, `fromYaml`/`fromJson`, `--set`). yaml.v2 and Go's encoding/json stop at 10000 levels; the
 * algorithms here (the YAML composer, coalescing, the writers, the template engine) recurse on a JavaScript
 * stack that ends near 1000 levels, so documents stop at `MAX_DEPTH`, before any of them runs: a clear
 * error naming the file and line instead of "Maximum call stack size exceeded". No real chart nests
 * values more than a few dozen levels.
 */
import { MAX_NESTING_DEPTH } from '../go/Budget'
import {
  type CST,
  Composer,
  type Document,
  type DocumentOptions,
  Lexer,
  type ParseOptions,
  Parser,
  type SchemaOptions,
} from 'yaml'

/** Collections (maps and lists) nested deeper than this are refused. */
export const MAX_DEPTH = MAX_NESTING_DEPTH

/**
 * YAML nodes (estimated by `yamlNodeEstimate`) one decoded document may hold: the `yaml` package takes about a
 * kilobyte per node, so a few megabytes of dense YAML would cost gigabytes. Real values files hold thousands.
 */
export const MAX_NODES = 500_000

/** Why a document past MAX_NODES is refused. */
export const yamlSizeReason = `document holds more than ${MAX_NODES} YAML nodes`

/** yaml.v2's wording (with our bound), after the "yaml: line N: " prefix. */
export const yamlDepthReason = `exceeded max depth of ${MAX_DEPTH}`

const isCollection = (t: CST.Token): boolean =>
  t.type === 'block-map' || t.type === 'block-seq' || t.type === 'flow-collection'

/**
 * The offset of the first collection of a CST token (a document) nested deeper than MAX_DEPTH, or undefined.
 * Walks with its own stack: the CST itself may be nested far deeper than the JavaScript stack allows.
 */
export const tooDeepAt = (token: CST.Token): number | undefined => {
  const stack: Array<{ readonly t: CST.Token; readonly depth: number }> = [{ t: token, depth: 0 }]
  while (stack.length > 0) {
    const { t, depth } = stack.pop()!
    const d = isCollection(t) ? depth + 1 : depth
    if (d > MAX_DEPTH) return t.offset
    const push = (c: CST.Token | undefined): void => {
      if (c !== undefined) stack.push({ t: c, depth: d })
    }
    switch (t.type) {
      case 'document':
        push(t.value)
        break
      case 'block-map':
      case 'flow-collection':
        for (const it of t.items) {
          push(it.key ?? undefined)
          push(it.value)
        }
        break
      case 'block-seq':
        for (const it of t.items) push(it.value)
        break
    }
  }
  return undefined
}

/**
 * The CST documents of a YAML stream (what `Parser.parse` yields), each checked by `tooDeepAt`; a stream whose
 * parser stack grows past MAX_DEPTH (the document, its open collections and at most one scalar) stops there,
 * without parsing the rest (a hundred thousand nested brackets cost the parser seconds). The stack holds every
 * open collection, so a stream that never grows it past MAX_DEPTH + 1 needs no walk of its documents.
 */
function* boundedDocuments(text: string): Generator<CST.Token, number | undefined> {
  const parser = new Parser()
  let deepest = 0
  const check = (): number | undefined => {
    const height = parser.stack.length
    if (height > deepest) deepest = height
    return height > MAX_DEPTH + 2 ? parser.offset : undefined
  }
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) {
      const at = deepest > MAX_DEPTH + 1 ? tooDeepAt(token) : undefined
      if (at !== undefined) return at
      yield token
    }
    const at = check()
    if (at !== undefined) return at
  }
  for (const token of parser.end()) {
    const at = deepest > MAX_DEPTH + 1 ? tooDeepAt(token) : undefined
    if (at !== undefined) return at
    yield token
  }
  return undefined
}

/**
 * Parses a YAML stream into documents as `parseAllDocuments` does, refusing a document nested deeper than
 * MAX_DEPTH before the (recursive) composer sees it: `tooDeep` is then the offset of the first too-deep
 * collection (or of the parser when it stopped), and `docs` the documents before it.
 */
export const parseDocumentsBounded = (
  text: string,
  options: ParseOptions & DocumentOptions & SchemaOptions = {},
): { readonly docs: ReadonlyArray<Document.Parsed>; readonly tooDeep?: number } => {
  const composer = new Composer(options)
  const docs: Document.Parsed[] = []
  const tokens = boundedDocuments(text)
  for (let r = tokens.next(); ; r = tokens.next()) {
    if (r.done) {
      if (r.value !== undefined) return { docs, tooDeep: r.value }
      break
    }
    for (const d of composer.next(r.value)) docs.push(d)
  }
  for (const d of composer.end()) docs.push(d)
  return { docs }
}

/**
 * The offset of the first collection of a YAML stream nested deeper than MAX_DEPTH, or undefined: a check
 * before a parser that recurses (the `yaml` package's `parse`), for callers that keep that parser.
 */
export const yamlTooDeep = (text: string): number | undefined => {
  const tokens = boundedDocuments(text)
  for (let r = tokens.next(); ; r = tokens.next()) if (r.done) return r.value
}

/** 1-based line of a character offset. */
export const lineAt = (text: string, offset: number): number => {
  let line = 1
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++
  return line
}

/**
 * True when a decoded value (JSON.parse, TOML, a structure built in code) nests maps and lists deeper than
 * MAX_DEPTH. Iterative; stops at the first too-deep branch.
 */
export const nestedTooDeep = (v: unknown, max = MAX_DEPTH): boolean => {
  const stack: Array<{ readonly v: unknown; readonly depth: number }> = [{ v, depth: 0 }]
  while (stack.length > 0) {
    const { v: x, depth } = stack.pop()!
    if (x === null || typeof x !== 'object' || x instanceof Uint8Array) continue
    if (depth + 1 > max) return true
    if (Array.isArray(x)) for (const e of x) stack.push({ v: e, depth: depth + 1 })
    else for (const k in x) stack.push({ v: (x as Record<string, unknown>)[k], depth: depth + 1 })
  }
  return false
}

const NODE_MARKS = ['\n', ',', '[', '{']

/**
 * An upper estimate of the YAML nodes of a text (lines, flow items and collections): what parsing the
 * rendered files as manifests will cost (a few hundred bytes per node in the YAML parser).
 */
export const yamlNodeEstimate = (text: string): number => {
  // one indexOf pass per character (a native search) counts far faster than a loop over every code unit
  let n = 1
  for (const c of NODE_MARKS) for (let i = text.indexOf(c); i >= 0; i = text.indexOf(c, i + 1)) n++
  return n
}

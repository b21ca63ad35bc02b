import type { ErrorObject } from 'ajv'
import { formatChecks } from './SchemaFormats'

// Renders ajv's flat error list the way santhosh-tekuri/jsonschema v6 (Helm 4's validator) prints its
// error tree: one `- at '<instance>': <message>` line per failure, failures of one subschema at one
// place grouped under `validation failed`, `anyOf`/`oneOf`/`not` failures over their branches' failures.

interface Node {
  at: string
  message?: string
  readonly children: Node[]
}

/** santhosh-tekuri's `quote`: Go's %q with single quotes. */
export const quoteV6 = (s: string): string => {
  const body = JSON.stringify(s).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")
  return `'${body}'`
}

// v6 prints numbers through golang.org/x/text/message, which groups thousands.
const num = (n: unknown): string =>
  typeof n === 'number' ? n.toLocaleString('en-US', { maximumFractionDigits: 20, useGrouping: true }) : String(n)

const jsonType = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v === 'number' ? 'number' : typeof v

const display = (v: unknown): string => (typeof v === 'string' ? quoteV6(v) : typeof v === 'object' && v !== null ? 'value' : String(v))

const lengthOf = (v: unknown): number =>
  typeof v === 'string' ? Array.from(v).length : Array.isArray(v) ? v.length : typeof v === 'object' && v !== null ? Object.keys(v).length : 0

const messageOf = (e: ErrorObject): string => {
  const p = e.params as Record<string, unknown>
  switch (e.keyword) {
    case 'type':
      return `got ${jsonType(e.data)}, want ${String(p.type).split(',').join(' or ')}`
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]) ?? []
      if (allowed.some((x) => typeof x === 'object' && x !== null)) return "'enum' failed"
      return allowed.length === 1 ? `value must be ${display(allowed[0])}` : `value must be one of ${allowed.map(display).join(', ')}`
    }
    case 'const':
      return typeof p.allowedValue === 'object' && p.allowedValue !== null ? "'const' failed" : `value must be ${display(p.allowedValue)}`
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${e.keyword}: got ${num(e.data)}, want ${num(p.limit)}`
    case 'multipleOf':
      return `multipleOf: got ${num(e.data)}, want ${num(p.multipleOf)}`
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties':
      return `${e.keyword}: got ${num(lengthOf(e.data))}, want ${num(p.limit)}`
    case 'pattern':
      return `${quoteV6(String(e.data))} does not match pattern ${quoteV6(String(p.pattern))}`
    case 'uniqueItems':
      return `items at ${Math.min(Number(p.i), Number(p.j))} and ${Math.max(Number(p.i), Number(p.j))} are equal`
    case 'dependencies':
    case 'dependentRequired':
      return `properties ${quoteV6(String(p.missingProperty))} required, if ${quoteV6(String(p.property))} exists`
    case 'propertyNames':
      return `invalid propertyName ${quoteV6(String(p.propertyName))}`
    case 'contains':
      return 'no items match contains schema'
    case 'anyOf':
      return "'anyOf' failed"
    case 'oneOf':
      return Array.isArray(p.passingSchemas) ? `'oneOf' failed, subschemas ${p.passingSchemas.join(', ')} matched` : "'oneOf' failed, none matched"
    case 'not':
      return "'not' failed"
    case 'false schema':
      return 'false schema'
    case 'format': {
      const reason = formatChecks[String(p.format)]?.(String(e.data))
      return `${display(e.data)} is not valid ${String(p.format)}${reason === undefined ? '' : `: ${reason}`}`
    }
    default:
      return e.message ?? `${e.keyword} failed`
  }
}

// Keywords whose failure v6 prints over the failures of the subschema(s) they applied.
const branchKeywords = new Set(['anyOf', 'oneOf', 'not', 'contains', 'propertyNames'])

/** ajv reports a `contains`/`propertyNames` subschema's failures under the keyword's own path; give them a branch index like anyOf's. */
const asBranch = (e: ErrorObject): ErrorObject => {
  const m = /^(.*\/(?:contains|propertyNames))(\/.*)$/.exec(e.schemaPath)
  return m ? { ...e, schemaPath: `${m[1]}/0${m[2]}` } : e
}

/** The `- at ...` lines (ending in a newline) for ajv's errors of one validation, or '' when there are none. */
export const renderSchemaErrors = (errors: ReadonlyArray<ErrorObject>): string => {
  // v6 checks nothing else of a subschema once `type` failed there.
  const ownerOf = (e: ErrorObject): string => e.schemaPath.split('/').slice(0, -1).join('/')
  const typeFailed = new Set(errors.filter((e) => e.keyword === 'type').map((e) => `${ownerOf(e)}\u0000${e.instancePath}`))
  // ajv's `if` failure only repeats that `then`/`else` failed, which v6 does not print.
  const kept = errors
    .filter((e) => e.keyword !== 'if' && (e.keyword === 'type' || !typeFailed.has(`${ownerOf(e)}\u0000${e.instancePath}`)))
    .map(asBranch)
  // Collapse the per-property errors v6 reports as one.
  const merged: ErrorObject[] = []
  for (const e of kept) {
    const prev = merged.find(
      (m) => (e.keyword === 'required' || e.keyword === 'additionalProperties') && m.keyword === e.keyword && m.instancePath === e.instancePath && m.schemaPath === e.schemaPath,
    )
    const key = e.keyword === 'required' ? 'missingProperty' : 'additionalProperty'
    if (prev) ((prev.params as Record<string, unknown[]>).names ??= []).push((e.params as Record<string, unknown>)[key])
    else if (e.keyword === 'required' || e.keyword === 'additionalProperties')
      merged.push({ ...e, params: { ...e.params, names: [(e.params as Record<string, unknown>)[key]] } })
    else merged.push(e)
  }
  // Each subschema evaluation (schema path without the keyword, instance path) is a node of the tree.
  const nodes = new Map<string, Node>()
  const nodeFor = (schemaPath: string, at: string): Node => {
    const key = `${schemaPath}\u0000${at}`
    let n = nodes.get(key)
    if (n === undefined) {
      // ajv reports no error of its own for a failed allOf; v6 prints one over the failing branches.
      n = schemaPath.endsWith('/allOf') ? { at, message: "'allOf' failed", children: [] } : { at, children: [] }
      nodes.set(key, n)
      const parent = parentOf(schemaPath, at)
      if (parent !== undefined) parent.children.push(n)
    }
    return n
  }
  const up = (at: string): string => at.slice(0, Math.max(0, at.lastIndexOf('/')))
  const parentOf = (schemaPath: string, at: string): Node | undefined => {
    if (schemaPath === '#') return at === '' ? undefined : nodeFor('#', '')
    const steps = schemaPath.split('/')
    const last = steps[steps.length - 1] as string
    const prev = steps[steps.length - 2] as string
    const join = (n: number): string => steps.slice(0, steps.length - n).join('/') || '#'
    if (/^\d+$/.test(last) && (prev === 'anyOf' || prev === 'oneOf' || prev === 'allOf' || prev === 'propertyNames')) return nodeFor(join(1), at)
    if (/^\d+$/.test(last) && prev === 'contains') return nodeFor(join(1), up(at))
    if (prev === 'properties' || prev === 'patternProperties' || (prev === 'items' && /^\d+$/.test(last))) return nodeFor(join(2), up(at))
    if (['items', 'additionalProperties', 'additionalItems'].includes(last)) return nodeFor(join(1), up(at))
    // a schema reached through $ref: its place in the tree is unknown, hang it under the root
    if (prev === 'definitions' || prev === '$defs') return nodeFor('#', '')
    return nodeFor(join(1), at)
  }
  const root = nodeFor('#', '')
  for (const e of merged) {
    const names = (e.params as Record<string, unknown>).names as string[] | undefined
    const message =
      e.keyword === 'required' && names
        ? names.length === 1
          ? `missing property ${quoteV6(names[0] as string)}`
          : `missing properties ${names.map(quoteV6).join(', ')}`
        : e.keyword === 'additionalProperties' && names
          ? `additional properties ${names.map(quoteV6).join(', ')} not allowed`
          : messageOf(e)
    // v6 validates property names as instances of their own, located at ''.
    const at = e.propertyName !== undefined || e.keyword === 'propertyNames' ? '' : e.instancePath
    if (branchKeywords.has(e.keyword)) {
      const n = nodeFor(e.schemaPath, e.instancePath)
      n.message = message
      n.at = at
    } else {
      const ownerPath = e.keyword === 'false schema' ? e.schemaPath : e.schemaPath.split('/').slice(0, -1).join('/') || '#'
      const owner = nodeFor(ownerPath, e.instancePath)
      owner.children.push({ at, message, children: [] })
    }
  }
  const lines: string[] = []
  const emit = (n: Node, depth: number): void => {
    if (n.message === undefined && n.children.length === 1) return emit(n.children[0] as Node, depth)
    if (n.message === undefined && n.children.length === 0) return
    lines.push(`${'  '.repeat(depth)}- at ${quoteV6(n.at)}: ${n.message ?? 'validation failed'}`)
    for (const c of n.children) emit(c, depth + 1)
  }
  for (const c of root.children) emit(c, 0)
  return lines.map((l) => `${l}\n`).join('')
}

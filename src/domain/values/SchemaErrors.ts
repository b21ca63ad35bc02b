import type { ErrorObject } from 'ajv'
import { messageOf, quoteV6 } from './SchemaMessages'

// Renders ajv's flat error list the way santhosh-tekuri/jsonschema v6 (Helm 4's validator) prints its
// error tree: one `- at '<instance>': <message>` line per failure, failures of one subschema at one
// place grouped under `validation failed`, `anyOf`/`oneOf`/`not` failures over their branches' failures.

interface Node {
  at: string
  message?: string
  readonly children: Node[]
}

// Keywords whose failure v6 prints over the failures of the subschema(s) they applied.
const branchKeywords = new Set(['anyOf', 'oneOf', 'not', 'contains', 'propertyNames'])

/** ajv reports a `contains`/`propertyNames` subschema's failures under the keyword's own path; give them a branch index like anyOf's. */
const asBranch = (e: ErrorObject): ErrorObject => {
  const m = /^(.*\/(?:contains|propertyNames))(\/.*)$/.exec(e.schemaPath)
  return m ? { ...e, schemaPath: `${m[1]}/0${m[2]}` } : e
}

/**
 * Failures v6 reports as `false schema` at each offending place: items past a 2020-12 `items: false`
 * (v6 counts their index from the end of prefixItems) and `unevaluatedProperties: false` properties.
 */
const asFalseSchemas = (e: ErrorObject): ErrorObject[] => {
  const p = e.params as Record<string, unknown>
  if (e.keyword === 'items' && typeof p.limit === 'number' && Array.isArray(e.data)) {
    const limit = p.limit
    return e.data
      .slice(limit)
      .map((x, i) => ({ ...e, keyword: 'false schema', instancePath: `${e.instancePath}/${i}`, data: x, params: {} }))
  }
  if (e.keyword === 'unevaluatedProperties' && typeof p.unevaluatedProperty === 'string')
    return [{ ...e, keyword: 'false schema', instancePath: `${e.instancePath}/${p.unevaluatedProperty}`, params: {} }]
  return [e]
}

/**
 * The `- at ...` lines (ending in a newline) for ajv's errors of one validation (made with `verbose`),
 * or '' when there are none; `matches` validates one item against a subschema (for `maxContains`).
 */
export const renderSchemaErrors = (
  errors: ReadonlyArray<ErrorObject>,
  matches?: (schema: unknown, item: unknown) => boolean,
): string => {
  // v6 checks nothing else of a subschema once `type` failed there.
  const ownerOf = (e: ErrorObject): string => e.schemaPath.split('/').slice(0, -1).join('/')
  const typeFailed = new Set(
    errors.filter((e) => e.keyword === 'type').map((e) => `${ownerOf(e)}\u0000${e.instancePath}`),
  )
  // ajv's `if` failure only repeats that `then`/`else` failed, which v6 does not print.
  const kept = errors
    .filter(
      (e) => e.keyword !== 'if' && (e.keyword === 'type' || !typeFailed.has(`${ownerOf(e)}\u0000${e.instancePath}`)),
    )
    .map(asBranch)
  // Collapse the per-property errors v6 reports as one.
  const listed: Record<string, string> = {
    required: 'missingProperty',
    additionalProperties: 'additionalProperty',
    dependentRequired: 'missingProperty',
    dependencies: 'missingProperty',
  }
  const merged: ErrorObject[] = []
  for (const e of kept.flatMap(asFalseSchemas)) {
    const key = listed[e.keyword]
    const params = e.params as Record<string, unknown>
    if (key === undefined) {
      merged.push(e)
      continue
    }
    const prev = merged.find(
      (m) =>
        m.keyword === e.keyword &&
        m.instancePath === e.instancePath &&
        m.schemaPath === e.schemaPath &&
        (m.params as Record<string, unknown>).property === params.property,
    )
    if (prev) ((prev.params as Record<string, unknown[]>).names ??= []).push(params[key])
    else merged.push({ ...e, params: { ...params, names: [params[key]] } })
  }
  // The items that matched a failed `contains` are the ones none of its branch errors is about.
  const matchedOf = (e: ErrorObject): number[] => {
    if (!Array.isArray(e.data)) return []
    // Too many matches: ajv reports no branch errors, so test the items against the subschema.
    if (matches !== undefined && typeof (e.params as Record<string, unknown>).maxContains === 'number')
      return e.data.map((_, i) => i).filter((i) => matches(e.schema, (e.data as unknown[])[i]))
    const failing = new Set(
      merged
        .filter((x) => x.schemaPath.startsWith(`${e.schemaPath}/0/`))
        .map((x) => x.instancePath.slice(e.instancePath.length + 1).split('/')[0]),
    )
    return e.data.map((_, i) => i).filter((i) => !failing.has(String(i)))
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
    if (/^\d+$/.test(last) && (prev === 'anyOf' || prev === 'oneOf' || prev === 'allOf' || prev === 'propertyNames'))
      return nodeFor(join(1), at)
    if (/^\d+$/.test(last) && prev === 'contains') return nodeFor(join(1), up(at))
    if (
      prev === 'properties' ||
      prev === 'patternProperties' ||
      ((prev === 'items' || prev === 'prefixItems') && /^\d+$/.test(last))
    )
      return nodeFor(join(2), up(at))
    if (
      ['items', 'additionalProperties', 'additionalItems', 'unevaluatedProperties', 'unevaluatedItems'].includes(last)
    )
      return nodeFor(join(1), up(at))
    // a schema reached through $ref: its place in the tree is unknown, hang it under the root
    if (prev === 'definitions' || prev === '$defs') return nodeFor('#', '')
    return nodeFor(join(1), at)
  }
  const root = nodeFor('#', '')
  for (const e of merged) {
    const names = (e.params as Record<string, unknown>).names as string[] | undefined
    const message =
      e.keyword === 'contains'
        ? messageOf(e, matchedOf(e))
        : e.keyword === 'required' && names
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
      const ownerPath =
        e.keyword === 'false schema' ? e.schemaPath : e.schemaPath.split('/').slice(0, -1).join('/') || '#'
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

import Ajv, { type AnySchema, type ValidateFunction } from 'ajv'
import Ajv2019 from 'ajv/dist/2019'
import Ajv2020 from 'ajv/dist/2020'
import * as E from 'fp-ts/Either'
import type { Chart } from '../chart/Chart'
import type { ValuesError } from './ValuesError'
import { unmarshalJson } from '../template/helm/json'
import { type GoMap, type Value, isGoInt, isGoMap } from '../go/Value'
import { goTypeName } from './GoText'
import { getKey } from './MergeMaps'
import { formatChecks } from './SchemaFormats'
import { renderSchemaErrors } from './SchemaErrors'
import { schemaViolation } from './ValuesError'
import { nestedTooDeep } from '../yaml/Depth'

type AjvClass = typeof Ajv | typeof Ajv2019 | typeof Ajv2020

// santhosh-tekuri/jsonschema (Helm 4) ignores unknown keywords and formats, asserts known formats only
// for draft-04..07 schemas, and reads a schema without (or with an unknown) `$schema` as the newest draft.
const options = { strict: false, allErrors: true, verbose: true, validateSchema: false, logger: false } as const

// Draft-04 spelled exclusive bounds as booleans beside minimum/maximum; ajv knows only the draft-06+ form.
const fromDraft04 = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(fromDraft04)
  if (typeof node !== 'object' || node === null) return node
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(node)) out[k] = fromDraft04(v)
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[flag] !== 'boolean') continue
    if (out[flag] === true && typeof out[bound] === 'number') {
      out[flag] = out[bound]
      delete out[bound]
    } else delete out[flag]
  }
  if (typeof out.id === 'string' && out.$id === undefined) {
    out.$id = out.id
    delete out.id
  }
  return out
}

const draftOf = (schema: unknown): AjvClass => {
  const id = typeof schema === 'object' && schema !== null ? (schema as Record<string, unknown>).$schema : undefined
  if (typeof id !== 'string') return Ajv2020
  if (/draft-0[4-7]/.test(id)) return Ajv
  if (id.includes('2019-09')) return Ajv2019
  return Ajv2020
}

// v6 reads the schema with a json.Decoder: Go's texts, and a bare EOF for an empty file.
const goJsonError = (text: string): string => {
  if (text.trim() === '') return 'EOF'
  try {
    unmarshalJson(text)
    return 'invalid JSON'
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e)
    return msg === 'unexpected end of JSON input' ? 'unexpected EOF' : msg
  }
}

const instances = new Map<AjvClass, InstanceType<AjvClass>>()
const compiled = new Map<string, ValidateFunction>()

const compile = (text: string): E.Either<string, ValidateFunction> => {
  const hit = compiled.get(text)
  if (hit) return E.right(hit)
  let schema: unknown
  try {
    schema = JSON.parse(text)
  } catch {
    return E.left(goJsonError(text))
  }
  // nested past the bound of every decoded document: Go's decoder words it (as its own, deeper, bound)
  if (nestedTooDeep(schema)) return E.left(goJsonError(text))
  const cls = draftOf(schema)
  let ajv = instances.get(cls)
  if (ajv === undefined) {
    const asserts = cls === Ajv
    ajv = new cls({ ...options, validateFormats: asserts })
    if (asserts)
      for (const [name, check] of Object.entries(formatChecks))
        ajv.addFormat(name, { type: 'string', validate: (x: string) => check(x) === undefined })
    instances.set(cls, ajv)
  }
  const id = typeof schema === 'object' && schema !== null ? (schema as Record<string, unknown>).$schema : undefined
  const converted = typeof id === 'string' && id.includes('draft-04') ? fromDraft04(schema) : schema
  const body =
    typeof converted === 'object' && converted !== null && !Array.isArray(converted)
      ? { ...(converted as object) }
      : converted
  if (typeof body === 'object' && body !== null) delete (body as Record<string, unknown>).$schema
  try {
    const fn = ajv.compile(body as AnySchema)
    compiled.set(text, fn)
    return E.right(fn)
  } catch (e) {
    const msg =
      e instanceof RangeError && /call stack/.test(e.message)
        ? 'schema nested too deeply'
        : e instanceof Error
          ? e.message
          : String(e)
    const ref = /can't resolve reference (#\S*) from id/.exec(msg)
    if (ref) return E.left(`json-pointer in "file:///values.schema.json${ref[1]}" not found`)
    return E.left(`jsonschema compilation failed: ${msg}`)
  }
}

/** Values as JSON data for the validator: Go ints become numbers, bytes strings. */
const toJson = (v: Value): unknown => {
  if (isGoInt(v)) return Number(v.value)
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8')
  if (Array.isArray(v)) return v.map(toJson)
  if (v !== null && v !== undefined && isGoMap(v)) {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v))
      Object.defineProperty(out, k, { value: toJson(x), enumerable: true, writable: true })
    return out
  }
  return v === undefined ? null : v
}

const validateOne = (values: GoMap, schema: Uint8Array): string | undefined => {
  const fn = compile(Buffer.from(schema).toString('utf8'))
  if (E.isLeft(fn)) return fn.left
  if (fn.right(toJson(values))) return undefined
  const ajv = instances.get(draftOf(JSON.parse(Buffer.from(schema).toString('utf8'))))
  const matches = (sub: unknown, item: unknown): boolean => {
    try {
      return ajv?.validate(sub as AnySchema, item) === true
    } catch {
      return false
    }
  }
  return renderSchemaErrors(fn.right.errors ?? [], matches)
}

// Helm's ValidateAgainstSchema: the chart's own schema against its values, then each subchart against
// its section (a missing or nil section is skipped, a non-map one reported).
const report = (chart: Chart, values: GoMap): string => {
  let out = ''
  if (chart.schema !== undefined) {
    const err = validateOne(values, chart.schema)
    if (err !== undefined) out += `${chart.metadata.name}:\n${err}`
  }
  for (const sub of chart.dependencies) {
    const name = sub.metadata.name
    const raw = getKey(values, name)?.value
    if (raw === undefined || raw === null) continue
    if (!isGoMap(raw)) {
      out += `${name}:\ninvalid type for values: expected object (map), got ${goTypeName(raw)}\n`
      continue
    }
    out += report(sub, raw)
  }
  return out
}

/**
 * Validates coalesced values against values.schema.json of the chart and of every subchart (each against
 * its own section), as Helm 4 does with santhosh-tekuri/jsonschema (draft-07, 2019-09, 2020-12; formats
 * not asserted). Fails with SchemaViolation, whose message lists each failing chart:
 * `values don't meet the specifications of the schema(s) in the following chart(s):\nNAME:\n- at '/path': ...`.
 */
export const validateSchema = (chart: Chart, values: GoMap): E.Either<ValuesError, void> => {
  const text = report(chart, values)
  return text === '' ? E.right(undefined) : E.left(schemaViolation(text))
}

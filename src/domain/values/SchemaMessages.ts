import type { ErrorObject } from 'ajv'
import { formatChecks } from './SchemaFormats'

// The texts santhosh-tekuri/jsonschema v6 (Helm 4's validator) prints for each kind of failure, from
// ajv's error objects.

/** santhosh-tekuri's `quote`: Go's %q with single quotes. */
export const quoteV6 = (s: string): string => {
  const body = JSON.stringify(s).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")
  return `'${body}'`
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹'

// v6 prints numbers with golang.org/x/text/message: Go's %v choice between plain and exponent form
// (exponent when it is below -4 or at least 6), thousands grouped, exponents as ×10 and superscripts.
const num = (n: unknown): string => {
  if (typeof n !== 'number' || !Number.isFinite(n)) return String(n)
  if (n === 0) return '0'
  const [mantissa, e] = n.toExponential().split('e') as [string, string]
  const exp = Number(e)
  if (exp < -4 || exp >= 6) {
    const digits = String(Math.abs(exp)).padStart(2, '0')
    return `${mantissa}×10${exp < 0 ? '⁻' : ''}${Array.from(digits, (d) => SUPERSCRIPT[Number(d)]).join('')}`
  }
  const [int, frac] = Math.abs(n)
    .toFixed(Math.max(0, (mantissa.split('.')[1]?.length ?? 0) - exp))
    .split('.') as [string, string?]
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${n < 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`
}

const jsonType = (v: unknown): string =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'array'
      : typeof v === 'object'
        ? 'object'
        : typeof v === 'number'
          ? 'number'
          : typeof v

const display = (v: unknown): string =>
  typeof v === 'string' ? quoteV6(v) : typeof v === 'object' && v !== null ? 'value' : String(v)

const lengthOf = (v: unknown): number =>
  typeof v === 'string'
    ? Array.from(v).length
    : Array.isArray(v)
      ? v.length
      : typeof v === 'object' && v !== null
        ? Object.keys(v).length
        : 0

/** v6's text for one ajv error; `matched` lists the items that matched a failed `contains`. */
export const messageOf = (e: ErrorObject, matched: ReadonlyArray<number> = []): string => {
  const p = e.params as Record<string, unknown>
  switch (e.keyword) {
    case 'type':
      return `got ${jsonType(e.data)}, want ${String(p.type).split(',').join(' or ')}`
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]) ?? []
      if (allowed.some((x) => typeof x === 'object' && x !== null)) return "'enum' failed"
      return allowed.length === 1
        ? `value must be ${display(allowed[0])}`
        : `value must be one of ${allowed.map(display).join(', ')}`
    }
    case 'const':
      return typeof p.allowedValue === 'object' && p.allowedValue !== null
        ? "'const' failed"
        : `value must be ${display(p.allowedValue)}`
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
    case 'dependentRequired': {
      const names = (p.names as string[] | undefined) ?? [String(p.missingProperty)]
      return `properties ${names.map(quoteV6).join(', ')} required, if ${quoteV6(String(p.property))} exists`
    }
    case 'propertyNames':
      return `invalid propertyName ${quoteV6(String(p.propertyName))}`
    case 'contains': {
      const at = matched.join(' ')
      if (typeof p.maxContains === 'number' && matched.length > p.maxContains)
        return `max ${p.maxContains} items required to match contains schema, but matched ${matched.length} items at ${at}`
      if (typeof p.minContains === 'number' && p.minContains !== 1)
        return matched.length === 0
          ? `min ${p.minContains} items required to match contains schema, but none matched`
          : `min ${p.minContains} items required to match contains schema, but matched ${matched.length} items at ${at}`
      return 'no items match contains schema'
    }
    case 'anyOf':
      return "'anyOf' failed"
    case 'oneOf':
      return Array.isArray(p.passingSchemas)
        ? `'oneOf' failed, subschemas ${p.passingSchemas.join(', ')} matched`
        : "'oneOf' failed, none matched"
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

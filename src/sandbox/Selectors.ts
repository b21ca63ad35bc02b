// Label and field selectors as the API server parses them (labels.Parse / fields.ParseSelector).
// Not the domain's parseLabelSelector: this parser is laxer on malformed selectors (it takes `a=b=c`,
// `a===b`, `a,,b`, and `a in ()` as matching an empty value, where the domain refuses or matches nothing),
// and the sandbox's 400 answers depend on it; unify only with a parser faithful to labels.Parse.
import type { KObj } from './Resources'

/** A compiled selector: a predicate over objects. */
export type Matcher = (obj: KObj) => boolean

type Requirement =
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | '!'; key: string }
  | { op: '=' | '!='; key: string; values: string[] }

/** Splits on commas that are not inside parentheses. */
const splitTop = (s: string): string[] => {
  const parts: string[] = []
  let depth = 0
  let cur = ''
  for (const ch of s) {
    if (ch === '(') depth++
    if (ch === ')') depth--
    if (ch === ',' && depth === 0) {
      parts.push(cur)
      cur = ''
    } else cur += ch
  }
  parts.push(cur)
  return parts.map((p) => p.trim()).filter((p) => p !== '')
}

const parseRequirement = (term: string): Requirement => {
  let m = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term)
  if (m) return { op: m[2] as 'in' | 'notin', key: m[1]!, values: m[3]!.split(',').map((v) => v.trim()) }
  m = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term)
  if (m) return { op: m[2] === '!=' ? '!=' : '=', key: m[1]!, values: [m[3]!] }
  m = /^!\s*(\S+)$/.exec(term)
  if (m) return { op: '!', key: m[1]! }
  if (/^[A-Za-z0-9._/-]+$/.test(term)) return { op: 'exists', key: term }
  throw new SelectorError(`unable to parse requirement: ${term}`)
}

/** A selector the API server would refuse (400 BadRequest). */
export class SelectorError extends Error {}

const test = (r: Requirement, get: (k: string) => string | undefined): boolean => {
  const v = get(r.key)
  switch (r.op) {
    case 'exists':
      return v !== undefined
    case '!':
      return v === undefined
    case '=':
    case 'in':
      return v !== undefined && r.values.includes(v)
    case '!=':
    case 'notin':
      return v === undefined || !r.values.includes(v)
  }
}

/** Compiles a labelSelector; throws SelectorError on a malformed one. */
export const labelSelector = (s: string | null | undefined): Matcher => {
  if (!s) return () => true
  const reqs = splitTop(s).map(parseRequirement)
  return (obj) => {
    const labels: Record<string, string> = obj.metadata?.labels ?? {}
    return reqs.every((r) => test(r, (k) => (Object.hasOwn(labels, k) ? labels[k] : undefined)))
  }
}

const fieldValue = (obj: KObj, path: string): string | undefined => {
  let cur: unknown = obj
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as KObj)[part]
  }
  if (cur === undefined || cur === null)
    return path.startsWith('metadata.') || path.startsWith('spec.') ? '' : undefined
  return typeof cur === 'object' ? JSON.stringify(cur) : String(cur)
}

/** Compiles a fieldSelector (`=`, `==`, `!=` on dotted paths); throws SelectorError on a malformed one. */
export const fieldSelector = (s: string | null | undefined): Matcher => {
  if (!s) return () => true
  const reqs = splitTop(s).map((term) => {
    const m = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(term)
    if (!m) throw new SelectorError(`invalid selector: '${s}'; can't understand '${term}'`)
    return { key: m[1]!, neg: m[2] === '!=', value: m[3]! }
  })
  return (obj) => reqs.every((r) => (fieldValue(obj, r.key) === r.value) !== r.neg)
}

/** Whether a workload's `spec.selector` (matchLabels / matchExpressions) selects the given labels. */
export const selectorMatches = (selector: KObj | undefined, labels: Record<string, string>): boolean => {
  if (!selector) return false
  const ml: Record<string, string> = selector.matchLabels ?? {}
  for (const [k, v] of Object.entries(ml)) if (labels[k] !== v) return false
  for (const e of (selector.matchExpressions ?? []) as KObj[]) {
    const op = String(e.operator ?? '').toLowerCase()
    const r: Requirement =
      op === 'exists'
        ? { op: 'exists', key: e.key }
        : op === 'doesnotexist'
          ? { op: '!', key: e.key }
          : { op: op === 'notin' ? 'notin' : 'in', key: e.key, values: e.values ?? [] }
    if (!test(r, (k) => labels[k])) return false
  }
  return Object.keys(ml).length > 0 || (selector.matchExpressions ?? []).length > 0
}

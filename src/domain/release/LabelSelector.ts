import * as E from 'fp-ts/Either'

type Labels = Readonly<Record<string, string>>
type Requirement = (labels: Labels) => boolean

// the API server's lexer ends a word at `(`, so `a in(x)` is as valid as `a in (x)`
const setBased = /^([A-Za-z0-9_./-]+)\s+(in|notin)\s*\(([^)]*)\)$/

// own labels only: `constructor` or `toString` is no label of a plain object
const has = (l: Labels, key: string): boolean => Object.hasOwn(l, key)
const get = (l: Labels, key: string): string | undefined => (has(l, key) ? l[key] : undefined)

const parseRequirement = (term: string): E.Either<string, Requirement> => {
  const t = term.trim()
  const set = setBased.exec(t)
  if (set) {
    const [, key, op, list] = set as unknown as [string, string, string, string]
    const values = new Set(
      list
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== ''),
    )
    return E.right(
      op === 'in' ? (l) => has(l, key) && values.has(l[key]!) : (l) => !has(l, key) || !values.has(l[key]!),
    )
  }
  const ne = /^([^=!\s]+)\s*!=\s*([^=!\s]*)$/.exec(t)
  if (ne) return E.right((l) => get(l, ne[1]!) !== ne[2])
  const eq = /^([^=!\s]+)\s*==?\s*([^=!\s]*)$/.exec(t)
  if (eq) return E.right((l) => get(l, eq[1]!) === eq[2])
  const notExists = /^!\s*([^=!\s]+)$/.exec(t)
  if (notExists) return E.right((l) => !has(l, notExists[1]!))
  if (/^[A-Za-z0-9_./-]+$/.test(t)) return E.right((l) => has(l, t))
  return E.left(`unable to parse requirement: ${JSON.stringify(t)}`)
}

/** Splits on commas outside parentheses. */
const terms = (s: string): string[] => {
  const out: string[] = []
  let depth = 0
  let cur = ''
  for (const ch of s) {
    if (ch === '(') depth++
    if (ch === ')') depth--
    if (ch === ',' && depth === 0) {
      out.push(cur)
      cur = ''
    } else cur += ch
  }
  if (cur.trim() !== '') out.push(cur)
  return out
}

/**
 * Parses a Kubernetes label selector (`a=b`, `a==b`, `a!=b`, `a`, `!a`, `a in (x,y)`, `a notin (x)`,
 * comma-joined = AND) into a predicate; Left with the reason when a term cannot be parsed.
 */
export const parseLabelSelector = (selector: string): E.Either<string, (labels: Labels) => boolean> => {
  const reqs: Requirement[] = []
  for (const term of terms(selector)) {
    const r = parseRequirement(term)
    if (E.isLeft(r)) return r
    reqs.push(r.right)
  }
  return E.right((labels) => reqs.every((r) => r(labels)))
}

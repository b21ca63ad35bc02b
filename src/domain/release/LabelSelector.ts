// Kubernetes label selectors as the API server reads them (k8s.io/apimachinery/pkg/labels.Parse and
// metav1.LabelSelectorAsSelector): the same lexer (a word ends at whitespace or one of `=!(),<>`), the same
// grammar, the same validation of keys and values, the same error texts. One parser for the whole tree.
import * as E from 'fp-ts/Either'
import { isQualifiedName, isValidLabelValue } from './LabelSyntax'

export type Labels = Readonly<Record<string, string>>

export type Operator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt'

/** One requirement of a selector; every one must match. */
export interface Requirement {
  readonly key: string
  readonly operator: Operator
  readonly values: ReadonlyArray<string>
}

// own labels only: `constructor` or `toString` is no label of a plain object
const has = (l: Labels, key: string): boolean => Object.hasOwn(l, key)

/** Whether `labels` satisfy `r` (`!=` and `notin` match a missing key; `gt`/`lt` compare integers). */
export const requirementMatches = (r: Requirement, labels: Labels): boolean => {
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has(labels, r.key) && r.values.includes(labels[r.key]!)
    case 'notin':
    case '!=':
      return !has(labels, r.key) || !r.values.includes(labels[r.key]!)
    case 'exists':
      return has(labels, r.key)
    case '!':
      return !has(labels, r.key)
    case 'gt':
    case 'lt': {
      if (!has(labels, r.key) || !/^[-+]?\d+$/.test(labels[r.key]!) || r.values.length !== 1) return false
      const [v, want] = [BigInt(labels[r.key]!), BigInt(r.values[0]!)]
      return r.operator === 'gt' ? v > want : v < want
    }
  }
}

/** Whether `labels` satisfy every requirement. */
export const selects = (reqs: ReadonlyArray<Requirement>, labels: Labels): boolean =>
  reqs.every((r) => requirementMatches(r, labels))

// ---- lexer ------------------------------------------------------------------------------------------

type Tok = 'end' | ')' | ',' | '!' | '==' | '=' | '>' | 'id' | 'in' | '<' | '!=' | 'notin' | '('
interface Item {
  readonly tok: Tok
  readonly lit: string
}
const SYMBOLS: ReadonlySet<string> = new Set(['=', '!', '(', ')', ',', '>', '<'])
const TOKENS: Readonly<Record<string, Tok>> = {
  ')': ')',
  ',': ',',
  '!': '!',
  '==': '==',
  '=': '=',
  '>': '>',
  in: 'in',
  '<': '<',
  '!=': '!=',
  notin: 'notin',
  '(': '(',
}
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n'

const lex = (s: string): Item[] => {
  const out: Item[] = []
  let i = 0
  for (;;) {
    while (i < s.length && isSpace(s[i]!)) i++
    if (i >= s.length) {
      out.push({ tok: 'end', lit: '' })
      return out
    }
    if (SYMBOLS.has(s[i]!)) {
      // the longest run of symbols that is still a token: `!=`, `==`, else one symbol
      let lit = s[i++]!
      while (i < s.length && SYMBOLS.has(s[i]!) && TOKENS[lit + s[i]!] !== undefined) lit += s[i++]!
      out.push({ tok: TOKENS[lit]!, lit })
      continue
    }
    let lit = ''
    while (i < s.length && !SYMBOLS.has(s[i]!) && !isSpace(s[i]!)) lit += s[i++]!
    out.push({ tok: lit === 'in' || lit === 'notin' ? (lit as Tok) : 'id', lit })
  }
}

// ---- validation (labels.NewRequirement) --------------------------------------------------------------

/** A field error as apimachinery words it (`path: Invalid value: "v": reason`). */
const invalid = (path: string, value: string, reason: string): string =>
  `${path}: Invalid value: ${JSON.stringify(value)}: ${reason}`

/** apimachinery's aggregate: one error as is, several in brackets. */
const aggregate = (errs: ReadonlyArray<string>): string => (errs.length === 1 ? errs[0]! : `[${errs.join(', ')}]`)

const newRequirement = (key: string, operator: Operator, values: string[]): E.Either<string, Requirement> => {
  const errs: string[] = []
  const keyErrs = isQualifiedName(key)
  if (keyErrs.length > 0) errs.push(invalid('key', key, keyErrs.join('; ')))
  const list = `[${values.map((v) => JSON.stringify(v)).join(',')}]`
  if ((operator === 'in' || operator === 'notin') && values.length === 0)
    errs.push(`values: Invalid value: ${list}: for 'in', 'notin' operators, values set can't be empty`)
  if ((operator === '=' || operator === '==' || operator === '!=') && values.length !== 1)
    errs.push(`values: Invalid value: ${list}: exact-match compatibility requires one single value`)
  if ((operator === 'exists' || operator === '!') && values.length !== 0)
    errs.push(`values: Invalid value: ${list}: values set must be empty for exists and does not exist`)
  if (operator === 'gt' || operator === 'lt') {
    if (values.length !== 1)
      errs.push(`values: Invalid value: ${list}: for 'Gt', 'Lt' operators, exactly one value is required`)
    values.forEach((v, i) => {
      if (!/^[-+]?\d+$/.test(v))
        errs.push(invalid(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"))
    })
  }
  values.forEach((v, i) => {
    const bad = isValidLabelValue(v)
    if (bad.length > 0) errs.push(invalid(`values[${i}][${key}]`, v, bad.join('; ')))
  })
  return errs.length > 0 ? E.left(aggregate(errs)) : E.right({ key, operator, values })
}

// ---- parser (labels.Parse) ---------------------------------------------------------------------------

const BINARY = 'in, notin, =, ==, !=, gt, lt'

/** The requirements of a selector string, or the API server's reason for refusing it. */
export const parseRequirements = (selector: string): E.Either<string, ReadonlyArray<Requirement>> => {
  const items = lex(selector)
  let pos = 0
  // in a value position the keywords `in` / `notin` are plain words (`x in (in)`)
  const peek = (values: boolean): Item => {
    const it = items[pos]!
    return values && (it.tok === 'in' || it.tok === 'notin') ? { tok: 'id', lit: it.lit } : it
  }
  const next = (values: boolean): Item => {
    const it = peek(values)
    pos++
    return it
  }
  const requirement = (): E.Either<string, Requirement> => {
    let it = next(true)
    let operator: Operator | undefined
    if (it.tok === '!') {
      operator = '!'
      it = next(true)
    }
    if (it.tok !== 'id') return E.left(`found '${it.lit}', expected: identifier`)
    const key = it.lit
    const keyErrs = isQualifiedName(key)
    if (keyErrs.length > 0) return E.left(invalid('<nil>', key, keyErrs.join('; ')))
    // `!key` takes no operator: what follows is the separator's business
    if (operator === '!') return newRequirement(key, '!', [])
    const after = peek(true).tok
    if (after === 'end' || after === ',') return newRequirement(key, 'exists', [])
    const op = next(false)
    const ops: Partial<Record<Tok, Operator>> = {
      in: 'in',
      notin: 'notin',
      '=': '=',
      '==': '==',
      '!=': '!=',
      '>': 'gt',
      '<': 'lt',
    }
    const operatorOf = ops[op.tok]
    if (operatorOf === undefined) return E.left(`found '${op.lit}', expected: ${BINARY}`)
    if (operatorOf === 'in' || operatorOf === 'notin') {
      const open = next(true)
      if (open.tok !== '(') return E.left(`found '${open.lit}' expected: '('`)
      const first = peek(true)
      if (first.tok === ')') {
        next(true)
        return newRequirement(key, operatorOf, [''])
      }
      if (first.tok !== 'id' && first.tok !== ',')
        return E.left(`found '${first.lit}', expected: ',', ')' or identifier`)
      const values = new Set<string>()
      for (;;) {
        const v = next(true)
        if (v.tok === 'id') {
          values.add(v.lit)
          const sep = peek(true)
          if (sep.tok === ',') continue
          if (sep.tok === ')') break
          return E.left(`found '${sep.lit}', expected: ',' or ')'`)
        }
        if (v.tok === ',') {
          // empty values: `(,a)`, `(a,,b)`, `(a,)`
          if (values.size === 0) values.add('')
          const sep = peek(true)
          if (sep.tok === ')') {
            values.add('')
            break
          }
          if (sep.tok === ',') {
            next(true)
            values.add('')
          }
          continue
        }
        return E.left(`found '${v.lit}', expected: ',', or identifier`)
      }
      const close = next(true)
      if (close.tok !== ')') return E.left(`found '${first.lit}', expected: ')'`)
      return newRequirement(key, operatorOf, [...values].sort())
    }
    const v = peek(true)
    if (v.tok === 'end' || v.tok === ',') return newRequirement(key, operatorOf, [''])
    next(true)
    if (v.tok !== 'id') return E.left(`found '${v.lit}', expected: identifier`)
    return newRequirement(key, operatorOf, [v.lit])
  }

  const reqs: Requirement[] = []
  for (;;) {
    const it = peek(true)
    if (it.tok === 'end') return E.right(reqs)
    if (it.tok !== 'id' && it.tok !== '!')
      return E.left(`found '${it.lit}', expected: !, identifier, or 'end of string'`)
    const r = requirement()
    if (E.isLeft(r)) return E.left(`unable to parse requirement: ${r.left}`)
    reqs.push(r.right)
    const sep = next(true)
    if (sep.tok === 'end') return E.right(reqs)
    if (sep.tok !== ',') return E.left(`found '${sep.lit}', expected: ',' or 'end of string'`)
    const following = peek(true)
    if (following.tok !== 'id' && following.tok !== '!')
      return E.left(`found '${following.lit}', expected: identifier after ','`)
  }
}

/**
 * Parses a label selector (`a=b`, `a==b`, `a!=b`, `a`, `!a`, `a in (x,y)`, `a notin (x)`, `a>1`, `a<1`,
 * comma-joined = AND) into a predicate; Left with the API server's reason when it cannot be parsed.
 */
export const parseLabelSelector = (selector: string): E.Either<string, (labels: Labels) => boolean> =>
  E.map((reqs: ReadonlyArray<Requirement>) => (labels: Labels) => selects(reqs, labels))(parseRequirements(selector))

/** A `metav1.LabelSelector` (a workload's `spec.selector`). */
export interface LabelSelectorObject {
  readonly matchLabels?: Readonly<Record<string, string>> | undefined
  readonly matchExpressions?:
    | ReadonlyArray<{ readonly key: string; readonly operator: string; readonly values?: ReadonlyArray<string> }>
    | undefined
}

const EXPRESSION_OPS: Readonly<Record<string, Operator>> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
}

/**
 * `metav1.LabelSelectorAsSelector`: the requirements of a LabelSelector object. An empty selector selects
 * everything (no requirements); `undefined` — a missing selector — selects nothing (Right(undefined)).
 */
export const requirementsOf = (
  sel: LabelSelectorObject | undefined,
): E.Either<string, ReadonlyArray<Requirement> | undefined> => {
  if (sel === undefined) return E.right(undefined)
  const out: Requirement[] = []
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) {
    const r = newRequirement(k, '=', [v])
    if (E.isLeft(r)) return r
    out.push(r.right)
  }
  for (const e of sel.matchExpressions ?? []) {
    const op = EXPRESSION_OPS[e.operator]
    if (op === undefined) return E.left(`${JSON.stringify(e.operator)} is not a valid label selector operator`)
    const r = newRequirement(e.key, op, [...(e.values ?? [])])
    if (E.isLeft(r)) return r
    out.push(r.right)
  }
  return E.right(out)
}

/** A requirement written as the selector syntax writes it (`a=b`, `a in (x,y)`, `!a`). */
const requirementString = (r: Requirement): string => {
  switch (r.operator) {
    case 'exists':
      return r.key
    case '!':
      return `!${r.key}`
    case 'in':
    case 'notin':
      return `${r.key} ${r.operator} (${[...r.values].sort().join(',')})`
    case 'gt':
      return `${r.key}>${r.values[0]}`
    case 'lt':
      return `${r.key}<${r.values[0]}`
    default:
      return `${r.key}${r.operator}${r.values[0]}`
  }
}

/** The selector string of requirements, sorted by key as `labels.Selector.String()` writes it. */
export const selectorString = (reqs: ReadonlyArray<Requirement>): string =>
  [...reqs]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(requirementString)
    .join(',')

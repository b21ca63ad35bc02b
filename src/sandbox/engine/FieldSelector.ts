// Field selectors as the API server reads them (k8s.io/apimachinery/pkg/fields.ParseSelector plus each
// resource's supported field labels): `a=b`, `a==b`, `a!=b` joined by commas, `\,` `\=` `\\` escapes.
import * as E from 'fp-ts/Either'
import { at, type KObj } from './Json'

/** The fields each built-in kind may be selected by, beyond metadata.name and metadata.namespace. */
const SUPPORTED: Readonly<Record<string, ReadonlyArray<string>>> = {
  Pod: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  Secret: ['type'],
  Namespace: ['status.phase'],
  Node: ['spec.unschedulable'],
  ReplicaSet: ['status.replicas'],
  ReplicationController: ['status.replicas'],
  Job: ['status.successful'],
  Event: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
}

interface Term {
  readonly field: string
  readonly value: string
  readonly negated: boolean
}

/** Splits on unescaped commas. */
const splitTerms = (s: string): string[] => {
  const out: string[] = []
  let cur = ''
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!
    if (c === '\\' && i + 1 < s.length) {
      cur += c + s[++i]
      continue
    }
    if (c === ',') {
      out.push(cur)
      cur = ''
    } else cur += c
  }
  out.push(cur)
  return out
}

const unescapeValue = (v: string): E.Either<string, string> => {
  let out = ''
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!
    if (c !== '\\') {
      if (c === '=' || c === ',') return E.left(`invalid field selector value: unescaped ${c} in ${JSON.stringify(v)}`)
      out += c
      continue
    }
    const n = v[++i]
    if (n !== '\\' && n !== ',' && n !== '=')
      return E.left(`invalid field selector value: invalid escape sequence in ${JSON.stringify(v)}`)
    out += n
  }
  return E.right(out)
}

const splitTerm = (term: string): Term | undefined => {
  for (let i = 0; i < term.length; i++) {
    if (term[i] === '\\') {
      i++
      continue
    }
    for (const op of ['!=', '==', '=']) {
      if (term.startsWith(op, i))
        return { field: term.slice(0, i), value: term.slice(i + op.length), negated: op === '!=' }
    }
  }
  return undefined
}

/** The value a field label reads on an object (absent fields read as the empty string). */
const fieldValue = (obj: KObj, path: string): string => {
  const v = at(obj, ...path.split('.'))
  if (v === undefined || v === null) return ''
  return typeof v === 'object' ? JSON.stringify(v) : String(v)
}

/** Compiles a fieldSelector for objects of `kind` (`crd`: custom resources select by metadata only). */
export const fieldSelector = (
  s: string | null | undefined,
  kind: string,
  crd: boolean,
): E.Either<string, (o: KObj) => boolean> => {
  if (!s) return E.right(() => true)
  const terms: Term[] = []
  for (const part of splitTerms(s).sort()) {
    if (part === '') continue
    const term = splitTerm(part)
    if (!term) return E.left(`invalid selector: '${s}'; can't understand '${part}'`)
    const value = unescapeValue(term.value)
    if (E.isLeft(value)) return value
    const supported = ['metadata.name', 'metadata.namespace', ...(crd ? [] : (SUPPORTED[kind] ?? []))]
    if (!supported.includes(term.field)) return E.left(`field label not supported: ${term.field}`)
    terms.push({ ...term, value: value.right })
  }
  return E.right((o) => terms.every((t) => (fieldValue(o, t.field) === t.value) !== t.negated))
}

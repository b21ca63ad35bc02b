import { type Value, GoError, isNil } from '../../go/Value'
import { type FuncMap, deepEqual, empty, int, kindOf, nilDeref, sliceItems, strval, want, wantAtLeast } from './args'
import { strslice, toInt64 } from './conversion'
import { nilList, typed, typedName } from '../../go/Collections'

/** The elements of a slice argument, or Sprig's "Cannot <what> on type <kind>" error. */
const items = (v: Value, what: string): Value[] => {
  if (isNil(v)) throw nilDeref()
  const xs = sliceItems(v)
  if (xs === undefined) throw new GoError(`Cannot ${what} on type ${kindOf(v)}`)
  return xs
}

// Sprig defines each list function as a must* variant returning an error and a plain one that
// panics with it; text/template reports both as "error calling NAME: <text>", so they share code.
const pair = (name: string, f: (...a: Value[]) => Value): FuncMap => {
  const must = 'must' + name[0].toUpperCase() + name.slice(1)
  return { [name]: f, [must]: f }
}

const unary = (name: string, what: string, f: (xs: Value[]) => Value): FuncMap =>
  pair(name, (...a) => {
    want(name, a, 1)
    return f(items(a[0], what))
  })

const uniq = (xs: Value[]): Value[] => {
  const out: Value[] = []
  for (const x of xs) if (!out.some((y) => deepEqual(x, y))) out.push(x)
  return out
}

/** Sprig's list functions and their must* variants (copying, never mutating, the argument). */
export const listFuncs = (): FuncMap => ({
  list: (...a) => [...a],
  tuple: (...a) => [...a],
  ...pair('push', (...a) => {
    want('push', a, 2)
    return [...items(a[0], 'push'), a[1]]
  }),
  ...pair('append', (...a) => {
    want('append', a, 2)
    return [...items(a[0], 'push'), a[1]]
  }),
  ...pair('prepend', (...a) => {
    want('prepend', a, 2)
    return [a[1], ...items(a[0], 'prepend')]
  }),
  ...pair('chunk', (...a) => {
    want('chunk', a, 2)
    const size = int(a[0])
    const xs = items(a[1], 'chunk')
    const out: Value[] = []
    for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size))
    return typed(out, '[][]interface {}')
  }),
  ...unary('first', 'find first', (xs) => (xs.length === 0 ? null : xs[0])),
  ...unary('last', 'find last', (xs) => (xs.length === 0 ? null : xs[xs.length - 1])),
  // rest/initial of an empty list give Go's nil slice
  ...unary('rest', 'find rest', (xs) => (xs.length === 0 ? nilList() : xs.slice(1))),
  ...unary('initial', 'find initial', (xs) => (xs.length === 0 ? nilList() : xs.slice(0, -1))),
  ...unary('reverse', 'find reverse', (xs) => [...xs].reverse()),
  ...unary('compact', 'compact', (xs) => xs.filter((x) => !empty(x))),
  ...unary('uniq', 'find uniq', uniq),
  ...pair('without', (...a) => {
    wantAtLeast('without', a, 1)
    const omit = a.slice(1)
    return items(a[0], 'find without').filter((x) => !omit.some((o) => deepEqual(o, x)))
  }),
  ...pair('has', (...a) => {
    want('has', a, 2)
    if (isNil(a[1])) return false
    return items(a[1], 'find has').some((x) => deepEqual(a[0], x))
  }),
  ...pair('slice', (...a) => {
    wantAtLeast('slice', a, 1)
    if (isNil(a[0])) throw nilDeref()
    const xs = sliceItems(a[0])
    if (xs === undefined) throw new GoError(`list should be type of slice or array but ${kindOf(a[0])}`)
    if (xs.length === 0) return null
    const start = a.length > 1 ? Number(toInt64(a[1])) : 0
    const end = a.length > 2 ? Number(toInt64(a[2])) : xs.length
    if (start < 0 || end < start || end > xs.length) throw new GoError(`reflect: slice index out of range`)
    // reflect's Slice keeps the list's Go type ([]int stays []int)
    const t = typedName(a[0])
    return t === undefined ? xs.slice(start, end) : typed(xs.slice(start, end), t)
  }),
  concat: (...a) => {
    const out: Value[] = []
    for (const l of a) {
      if (isNil(l)) throw nilDeref()
      const xs = sliceItems(l)
      if (xs === undefined) throw new GoError(`Cannot concat type ${kindOf(l)} as list`)
      out.push(...xs)
    }
    return out
  },
  sortAlpha: (...a) => {
    want('sortAlpha', a, 1)
    if (isNil(a[0]) || sliceItems(a[0]) === undefined) return typed([strval(a[0])], '[]string')
    return strslice(a[0]).sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)))
  },
})

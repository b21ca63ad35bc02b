import { typeName } from '../../go/Types'
import { type Value, isNil } from '../../go/Value'
import { typedName } from '../../go/Collections'
import { type FuncMap, bool, deepEqual, empty, kindOf, str, want, wantAtLeast } from './args'

const typeOf = (v: Value): string => (isNil(v) ? '<nil>' : (typedName(v) ?? typeName(v)))

/** Sprig's default/empty/coalesce/ternary/all/any and the type tests (typeOf, kindOf, deepEqual, ...). */
export const defaultFuncs = (): FuncMap => ({
  default: (...a) => {
    wantAtLeast('default', a, 1)
    // default DEFAULT GIVEN...: only the first given value counts
    if (a.length < 2 || empty(a[1])) return a[0] ?? null
    return a[1] ?? null
  },
  empty: (...a) => {
    want('empty', a, 1)
    return empty(a[0])
  },
  coalesce: (...a) => a.find((x) => !empty(x)) ?? null,
  all: (...a) => a.every((x) => !empty(x)),
  any: (...a) => a.some((x) => !empty(x)),
  ternary: (...a) => {
    want('ternary', a, 3)
    return bool(a[2]) ? (a[0] ?? null) : (a[1] ?? null)
  },
  typeOf: (...a) => {
    want('typeOf', a, 1)
    return typeOf(a[0])
  },
  typeIs: (...a) => {
    want('typeIs', a, 2)
    return str(a[0]) === typeOf(a[1])
  },
  typeIsLike: (...a) => {
    want('typeIsLike', a, 2)
    const t = typeOf(a[1])
    const target = str(a[0])
    return target === t || '*' + target === t
  },
  kindOf: (...a) => {
    want('kindOf', a, 1)
    return kindOf(a[0])
  },
  kindIs: (...a) => {
    want('kindIs', a, 2)
    return str(a[0]) === kindOf(a[1])
  },
  deepEqual: (...a) => {
    want('deepEqual', a, 2)
    return deepEqual(a[0], a[1])
  },
})

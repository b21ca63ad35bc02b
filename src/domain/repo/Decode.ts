import * as t from 'io-ts'

/** What a YAML/JSON value is, in the words of Go's decoders. */
export const describe = (u: unknown): string =>
  u === null
    ? 'null'
    : Array.isArray(u)
      ? 'list'
      : typeof u === 'object'
        ? 'mapping'
        : typeof u === 'boolean'
          ? 'bool'
          : typeof u === 'string'
            ? 'string'
            : 'number'

/** The first failure of an io-ts decode as `key a.b[0].c: expected T, got V`, naming where in the file it is. */
export const firstProblem = (errs: t.Errors): string => {
  const e = errs[0]
  if (!e) return 'invalid'
  let key = ''
  e.context.forEach((c, i) => {
    const parent = e.context[i - 1]
    // members of an intersection or union are numbered too (also under t.exact or t.recursion, which add no
    // entry of their own): they see the very value their parent saw and are no key of the document
    if (
      !parent ||
      c.key === '' ||
      parent.type instanceof t.IntersectionType ||
      parent.type instanceof t.UnionType ||
      Object.is(c.actual, parent.actual)
    )
      return
    key = Array.isArray(parent.actual) ? `${key}[${c.key}]` : key === '' ? c.key : `${key}.${c.key}`
  })
  const expected = e.message ?? `expected ${e.context[e.context.length - 1]?.type.name ?? 'a value'}`
  return `${key === '' ? '' : `key ${JSON.stringify(key)}: `}${expected}, got ${describe(e.value)}`
}

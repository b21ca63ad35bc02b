/**
 * Go's `unicode.IsSpace`: '\t', '\n', '\v', '\f', '\r', ' ', U+0085 (NEL), U+00A0 (NBSP) and the Unicode
 * separators (Zs, Zl, Zp). Unlike JavaScript's `trim`, U+FEFF (BOM) is not a space and NEL is.
 */
export const isGoSpace = (c: string): boolean => /^[\t\n\v\f\r\u0085\p{Z}]$/u.test(c)

/** Go's `strings.TrimSpace` (JavaScript's `trim` also drops U+FEFF and keeps U+0085). */
export const trimSpace = (s: string): string => {
  let start = 0
  let end = s.length
  while (start < end && isGoSpace(s[start]!)) start++
  while (end > start && isGoSpace(s[end - 1]!)) end--
  return s.slice(start, end)
}

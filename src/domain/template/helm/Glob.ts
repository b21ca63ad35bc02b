import { RE2JS } from 're2js'

/**
 * Compiles a `.Files.Glob` pattern as Helm's gobwas/glob does with `/` as separator: `*` and `?` stay inside
 * one path segment, `**` crosses segments, `[abc]` / `[!a-z]` classes, `{a,b}` alternatives, `\` escapes.
 * Returns a matcher, or `undefined` when the pattern does not compile (Helm then falls back to `**`).
 */
export const compileGlob = (pattern: string): ((path: string) => boolean) | undefined => {
  const re = globToRe2(pattern)
  if (re === undefined) return undefined
  try {
    const compiled = RE2JS.compile(`^(?s:${re})$`)
    return (path) => compiled.matches(path)
  } catch {
    return undefined
  }
}

const quoteChar = (c: string): string =>
  /[A-Za-z0-9_/]/.test(c) ? c : c === '\n' ? '\\n' : `\\x{${c.codePointAt(0)!.toString(16)}}`

const globToRe2 = (p: string): string | undefined => {
  let out = ''
  let depth = 0
  const chars = [...p]
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!
    switch (c) {
      case '*':
        if (chars[i + 1] === '*') {
          out += '.*'
          i++
        } else out += '[^/]*'
        break
      case '?':
        out += '[^/]'
        break
      case '\\':
        if (i + 1 >= chars.length) return undefined
        out += quoteChar(chars[++i]!)
        break
      case '[': {
        const end = chars.indexOf(']', i + 1)
        if (end < 0) return undefined
        let body = chars.slice(i + 1, end)
        const negate = body[0] === '!'
        if (negate) body = body.slice(1)
        if (body.length === 0) return undefined
        let cls = ''
        for (let j = 0; j < body.length; j++) {
          if (body[j + 1] === '-' && j + 2 < body.length) {
            cls += `${quoteChar(body[j]!)}-${quoteChar(body[j + 2]!)}`
            j += 2
          } else cls += quoteChar(body[j]!)
        }
        out += negate ? `[^/${cls}]` : `[${cls}]`
        i = end
        break
      }
      case '{':
        depth++
        out += '(?:'
        break
      case '}':
        if (depth === 0) return undefined
        depth--
        out += ')'
        break
      case ',':
        out += depth > 0 ? '|' : quoteChar(c)
        break
      default:
        out += quoteChar(c)
    }
  }
  return depth === 0 ? out : undefined
}

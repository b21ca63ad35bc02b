/**
 * Helm v2's `urlutil.URLJoin(baseURL, paths...)`: Go's `url.Parse`, the paths joined onto the URL's path with
 * `path.Join` (so `..`, `.` and doubled slashes are cleaned), then `url.String()`: the query and fragment
 * stay after the path (`https://x/charts?token=1` + `web-1.0.0.tgz` is `https://x/charts/web-1.0.0.tgz?token=1`)
 * and the path is re-escaped as Go's `EscapedPath` does. An unparsable base is joined as a plain path (Helm's
 * `IndexFile.Add` fallback).
 */
export const urlJoin = (base: string, ...paths: ReadonlyArray<string>): string => {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?(\/\/[^/?#]*)?([^?#]*)(\?[^#]*)?(#.*)?$/.exec(base)
  const decoded = m ? unescapePath(m[3] ?? '') : undefined
  if (!m || decoded === undefined) return pathJoin(base, ...paths)
  const [, scheme, authority, , query, fragment] = m
  let path = pathJoin(decoded, ...paths)
  if (authority !== undefined && authority !== '//' && path !== '' && !path.startsWith('/')) path = `/${path}`
  return `${scheme !== undefined ? `${scheme}:` : ''}${authority ?? ''}${escapePath(path)}${query ?? ''}${fragment ?? ''}`
}

/** Go's `path.Join`: the non-empty elements joined with `/` and cleaned; '' when all are empty. */
export const pathJoin = (...elems: ReadonlyArray<string>): string => {
  const parts = elems.filter((e) => e !== '')
  return parts.length === 0 ? '' : pathClean(parts.join('/'))
}

/** Go's `path.Clean`. */
export const pathClean = (p: string): string => {
  if (p === '') return '.'
  const rooted = p.startsWith('/')
  const out: string[] = []
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop()
      else if (!rooted) out.push('..')
    } else out.push(seg)
  }
  const joined = out.join('/')
  return rooted ? `/${joined}` : joined === '' ? '.' : joined
}

// Go's unescape(s, encodePath): %XX sequences decoded (bytes as UTF-8), a malformed escape fails the parse
const unescapePath = (s: string): string | undefined => {
  if (!/^(?:[^%]|%[0-9a-fA-F]{2})*$/.test(s)) return undefined
  try {
    return decodeURIComponent(s)
  } catch {
    return s.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
  }
}

// Go's shouldEscape(c, encodePath): letters, digits, -_.~ and $&+,/:;=@ stay; every other byte is %XX
const escapePath = (s: string): string => {
  let out = ''
  for (const byte of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(byte)
    out += /[A-Za-z0-9\-_.~$&+,/:;=@]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

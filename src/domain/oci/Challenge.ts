/** An authentication challenge of a registry (RFC 7235 `WWW-Authenticate`): its scheme and parameters. */
export interface Challenge {
  /** lower-cased: `basic`, `bearer`, or another scheme nobody answers */
  readonly scheme: string
  readonly params: Readonly<Record<string, string>>
}

/**
 * Reads the first challenge of a `WWW-Authenticate` header as oras-go's parseChallenge does: the scheme, then
 * `key=value` or `key="quoted value"` pairs separated by commas (keys lower-cased, `\` escapes in quotes).
 */
export const parseChallenge = (header: string): Challenge => {
  const s = header.trim()
  const sp = s.search(/[ \t]/)
  const scheme = (sp < 0 ? s : s.slice(0, sp)).toLowerCase()
  const params: Record<string, string> = {}
  let i = sp < 0 ? s.length : sp
  const skipSpace = (): void => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++
  }
  while (i < s.length) {
    skipSpace()
    const eq = s.indexOf('=', i)
    if (eq < 0) break
    const key = s.slice(i, eq).trim().toLowerCase()
    i = eq + 1
    let value = ''
    if (s[i] === '"') {
      i++
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\' && i + 1 < s.length) i++
        value += s[i]
        i++
      }
      i++
    } else {
      const end = s.indexOf(',', i)
      value = (end < 0 ? s.slice(i) : s.slice(i, end)).trim()
      i = end < 0 ? s.length : end
    }
    if (key !== '' && !(key in params)) params[key] = value
    skipSpace()
    if (s[i] === ',') i++
  }
  return { scheme, params }
}

/** The scope a repository operation needs (`repository:NAME:pull` or `repository:NAME:pull,push`). */
export const repositoryScope = (repository: string, push: boolean): string =>
  `repository:${repository}:${push ? 'pull,push' : 'pull'}`

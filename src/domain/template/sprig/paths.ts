import { kindName } from '../../go/Types'
import { type GoMap, type Value, GoError, isNil } from '../../go/Value'
import { type FuncMap, dictArg, str, want } from './args'

/** Go's `path.Clean`. */
export const clean = (p: string): string => {
  if (p === '') return '.'
  const rooted = p.startsWith('/')
  const out: string[] = []
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop()
      else if (!rooted) out.push('..')
    } else out.push(part)
  }
  const joined = out.join('/')
  return rooted ? '/' + joined : joined === '' ? '.' : joined
}

/** Go's `path.Base`. */
export const base = (p: string): string => {
  if (p === '') return '.'
  const trimmed = p.replace(/\/+$/, '')
  if (trimmed === '') return '/'
  return trimmed.slice(trimmed.lastIndexOf('/') + 1)
}

/** Go's `path.Dir`. */
export const dir = (p: string): string => clean(p.slice(0, p.lastIndexOf('/') + 1))

/** Go's `path.Ext`. */
export const ext = (p: string): string => {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) if (p[i] === '.') return p.slice(i)
  return ''
}

const un =
  (name: string, f: (s: string) => Value) =>
  (...a: Value[]): Value => {
    want(name, a, 1)
    return f(str(a[0]))
  }

const pathUnescape = (s: string): string => {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

interface Url {
  scheme: string
  opaque: string
  user: string | undefined
  host: string
  path: string
  rawQuery: string
  fragment: string
}

// Go's net/url.Parse for the shapes charts use (scheme://user@host/path?query#fragment, opaque, relative).
const parseUrl = (raw: string): Url => {
  if (/[\x00-\x1f\x7f]/.test(raw))
    throw new GoError(`unable to parse url: parse ${JSON.stringify(raw)}: net/url: invalid control character in URL`)
  const u: Url = { scheme: '', opaque: '', user: undefined, host: '', path: '', rawQuery: '', fragment: '' }
  let rest = raw
  const hash = rest.indexOf('#')
  if (hash !== -1) {
    u.fragment = pathUnescape(rest.slice(hash + 1))
    rest = rest.slice(0, hash)
  }
  const sm = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(rest)
  if (sm) {
    u.scheme = sm[1].toLowerCase()
    rest = rest.slice(sm[0].length)
  }
  const q = rest.indexOf('?')
  if (q !== -1) {
    u.rawQuery = rest.slice(q + 1)
    rest = rest.slice(0, q)
  }
  if (u.scheme !== '' && !rest.startsWith('/')) {
    u.opaque = rest
    return u
  }
  if (rest.startsWith('//') && (u.scheme !== '' || !rest.startsWith('///'))) {
    const slash = rest.indexOf('/', 2)
    const authority = slash === -1 ? rest.slice(2) : rest.slice(2, slash)
    rest = slash === -1 ? '' : rest.slice(slash)
    const at = authority.lastIndexOf('@')
    // Go keeps the host unescaped (and escapes it again when printing)
    if (at !== -1) {
      u.user = authority.slice(0, at)
      u.host = pathUnescape(authority.slice(at + 1))
    } else u.host = pathUnescape(authority)
  }
  u.path = pathUnescape(rest)
  return u
}

const hostname = (host: string): string => {
  if (host.startsWith('[')) {
    const end = host.indexOf(']')
    return end === -1 ? host.slice(1) : host.slice(1, end)
  }
  const colon = host.lastIndexOf(':')
  return colon === -1 ? host : host.slice(0, colon)
}

// net/url's encodeHost: ASCII outside the host's allowed set is %-escaped, other bytes are kept
const escapeHost = (h: string): string =>
  h.replace(
    /[^A-Za-z0-9\-._~!$&'()*+,;=:[\]\u0080-\uffff]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'),
  )

const escapePath = (p: string): string =>
  encodeURI(p).replace(/%5B/g, '[').replace(/%5D/g, ']').replace(/\?/g, '%3F').replace(/#/g, '%23')

const urlString = (u: Url): string => {
  let out = ''
  if (u.scheme !== '') out += u.scheme + ':'
  if (u.opaque !== '') out += u.opaque
  else {
    if (u.scheme !== '' || u.host !== '' || u.user !== undefined) {
      if (u.host !== '' || u.path !== '' || u.user !== undefined) out += '//'
      if (u.user !== undefined) out += u.user + '@'
      out += escapeHost(u.host)
    }
    if (u.path !== '' && !u.path.startsWith('/') && u.host !== '') out += '/'
    out += escapePath(u.path)
  }
  if (u.rawQuery !== '') out += '?' + u.rawQuery
  if (u.fragment !== '') out += '#' + encodeURI(u.fragment).replace(/#/g, '%23')
  return out
}

// Sprig's dictGetOrEmpty: a missing key is "", a non-string value panics
const field = (d: GoMap, k: string): string => {
  if (!Object.hasOwn(d, k)) return ''
  const v = d[k]
  if (typeof v === 'string') return v
  throw new GoError(`unable to parse ${k} key, must be of type string, but ${isNil(v) ? 'invalid' : kindName(v)} found`)
}

/** Sprig's path functions (Go `path`; the os* variants are `path/filepath`, the same on Linux) and urlParse/urlJoin. */
export const pathFuncs = (): FuncMap => ({
  base: un('base', base),
  dir: un('dir', dir),
  clean: un('clean', clean),
  ext: un('ext', ext),
  isAbs: un('isAbs', (p) => p.startsWith('/')),
  osBase: un('osBase', base),
  osDir: un('osDir', dir),
  osClean: un('osClean', clean),
  osExt: un('osExt', ext),
  osIsAbs: un('osIsAbs', (p) => p.startsWith('/')),
  // Helm 4 without --enable-dns answers "" for every name
  getHostByName: un('getHostByName', () => ''),
  urlParse: un('urlParse', (raw) => {
    const u = parseUrl(raw)
    return {
      scheme: u.scheme,
      host: u.host,
      hostname: hostname(u.host),
      path: u.path,
      query: u.rawQuery,
      opaque: u.opaque,
      fragment: u.fragment,
      userinfo: u.user ?? '',
    }
  }),
  urlJoin: (...a) => {
    want('urlJoin', a, 1)
    const d = dictArg(a[0])
    const user = field(d, 'userinfo')
    return urlString({
      scheme: field(d, 'scheme'),
      host: field(d, 'host'),
      path: field(d, 'path'),
      rawQuery: field(d, 'query'),
      opaque: field(d, 'opaque'),
      fragment: field(d, 'fragment'),
      user: user === '' ? undefined : user,
    })
  },
})

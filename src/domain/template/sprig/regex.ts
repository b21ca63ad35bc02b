import { RE2JS } from 're2js'
import { type Value, GoError } from '../../go/Value'
import { type FuncMap, int, str, want } from './args'
import { nilList, typed } from '../../go/Collections'

interface Match {
  readonly start: number
  readonly end: number
  readonly groups: ReadonlyArray<readonly [number, number]>
}

const cache = new Map<string, RE2JS>()

/** Compiles a Go (RE2) pattern; a syntax error is thrown as Go's `error parsing regexp: ...` text. */
const compile = (pattern: string, must: boolean): RE2JS => {
  const hit = cache.get(pattern)
  if (hit) return hit
  try {
    const re = RE2JS.compile(renameDuplicateGroups(pattern))
    if (cache.size > 500) cache.clear()
    cache.set(pattern, re)
    return re
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e)
    // Sprig's plain variants use regexp.MustCompile, whose panic names the pattern
    throw new GoError(must ? msg : `regexp: Compile(${goQuote(pattern)}): ${msg}`)
  }
}

// Go accepts a capture name used twice (re2js does not); later uses get private names, so `$name`
// still finds the first group of that name as Go's Expand does.
const renameDuplicateGroups = (pattern: string): string => {
  if (!pattern.includes('(?')) return pattern
  const seen = new Map<string, number>()
  return pattern.replace(/(\\.)|\(\?P?<([A-Za-z0-9_]+)>/g, (m, esc: string | undefined, name: string | undefined) => {
    if (esc !== undefined || name === undefined) return m
    const n = seen.get(name) ?? 0
    seen.set(name, n + 1)
    return n === 0 ? m : m.replace(`<${name}>`, `<${name}__dup${n}>`)
  })
}

const goQuote = (s: string): string => (s.includes('`') ? JSON.stringify(s) : '`' + s + '`')

const codePointWidth = (s: string, i: number): number => {
  const c = s.charCodeAt(i)
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1
}

// Go's allMatches: an empty match right after the previous match is not reported.
const findAll = (re: RE2JS, s: string, n: number): Match[] => {
  const out: Match[] = []
  const m = re.matcher(s)
  const groups = m.groupCount()
  let pos = 0
  let prevEnd = -1
  while ((n < 0 || out.length < n) && pos <= s.length) {
    if (!m.find(pos)) break
    const start = m.start()
    const end = m.end()
    let accept = true
    if (end === pos) {
      if (start === prevEnd) accept = false
      pos += pos < s.length ? codePointWidth(s, pos) : 1
    } else pos = end
    prevEnd = end
    if (accept) {
      const gs: Array<readonly [number, number]> = [[start, end]]
      for (let g = 1; g <= groups; g++) gs.push(m.group(g) === null ? [-1, -1] : [m.start(g), m.end(g)])
      out.push({ start, end, groups: gs })
    }
  }
  return out
}

/** Go's `Regexp.Expand`: `$1`, `${1}`, `$name`, `${name}`, `$$`; `$1W` names the group "1W". */
const expand = (template: string, s: string, match: Match, names: Record<string, number>): string => {
  let out = ''
  let t = template
  for (;;) {
    const at = t.indexOf('$')
    if (at === -1) break
    out += t.slice(0, at)
    t = t.slice(at + 1)
    if (t.startsWith('$')) {
      out += '$'
      t = t.slice(1)
      continue
    }
    const m = /^(?:\{([\p{L}\p{Nd}_]+)\}|([\p{L}\p{Nd}_]+))/u.exec(t)
    if (m === null) {
      out += '$'
      continue
    }
    const name = m[1] ?? m[2]
    t = t.slice(m[0].length)
    let idx = /^[0-9]+$/.test(name) && !(name[0] === '0' && name.length > 1) ? Number(name) : -1
    if (idx < 0) idx = names[name] ?? -1
    const g = match.groups[idx]
    if (g !== undefined && g[0] >= 0) out += s.slice(g[0], g[1])
  }
  return out + t
}

const replaceAll = (re: RE2JS, s: string, repl: (m: Match) => string): string => {
  let out = ''
  let last = 0
  for (const m of findAllForReplace(re, s)) {
    out += s.slice(last, m.start)
    if (m.end > last || m.start === 0) out += repl(m)
    last = m.end
  }
  return out + s.slice(last)
}

// Go's replaceAll walks matches slightly differently from allMatches: it always reports, and the
// caller skips an empty match that touches the previous one.
const findAllForReplace = (re: RE2JS, s: string): Match[] => {
  const out: Match[] = []
  const m = re.matcher(s)
  const groups = m.groupCount()
  let pos = 0
  while (pos <= s.length) {
    if (!m.find(pos)) break
    const start = m.start()
    const end = m.end()
    const gs: Array<readonly [number, number]> = [[start, end]]
    for (let g = 1; g <= groups; g++) gs.push(m.group(g) === null ? [-1, -1] : [m.start(g), m.end(g)])
    out.push({ start, end, groups: gs })
    const w = pos < s.length ? codePointWidth(s, pos) : 1
    pos = pos + w > end ? pos + w : end
  }
  return out
}

const split = (re: RE2JS, s: string, n: number): string[] => {
  if (n === 0) return []
  if (s.length === 0) return ['']
  const out: string[] = []
  let beg = 0
  let end = 0
  for (const m of findAll(re, s, n)) {
    if (n > 0 && out.length === n - 1) break
    end = m.start
    if (m.end !== 0) out.push(s.slice(beg, end))
    beg = m.end
  }
  if (end !== s.length) out.push(s.slice(beg))
  return out
}

const quoteMeta = (s: string): string => s.replace(/[\\.+*?()|[\]{}^$]/g, (c) => '\\' + c)

const both = (name: string, f: (must: boolean, a: Value[]) => Value, n: number): FuncMap => {
  const must = 'must' + name[0].toUpperCase() + name.slice(1)
  return {
    [name]: (...a) => {
      want(name, a, n)
      return f(false, a)
    },
    [must]: (...a) => {
      want(must, a, n)
      return f(true, a)
    },
  }
}

/** Sprig's regular expressions on RE2 (re2js): Go syntax, linear time, Go's Expand for replacements. */
export const regexFuncs = (): FuncMap => ({
  // regexMatch alone swallows a bad pattern (regexp.MatchString's error is dropped): false
  ...both(
    'regexMatch',
    (must, a) => {
      const [pattern, s] = [str(a[0]), str(a[1])]
      if (!must) {
        try {
          return findAll(compile(pattern, true), s, 1).length > 0
        } catch {
          return false
        }
      }
      return findAll(compile(pattern, true), s, 1).length > 0
    },
    2,
  ),
  ...both(
    'regexFindAll',
    (must, a) => {
      const s = str(a[1])
      const found = findAll(compile(str(a[0]), must), s, int(a[2])).map((m) => s.slice(m.start, m.end))
      return typed(found.length === 0 ? nilList() : found, '[]string')
    },
    3,
  ),
  ...both(
    'regexFind',
    (must, a) => {
      const s = str(a[1])
      const m = findAll(compile(str(a[0]), must), s, 1)[0]
      return m === undefined ? '' : s.slice(m.start, m.end)
    },
    2,
  ),
  ...both(
    'regexReplaceAll',
    (must, a) => {
      const re = compile(str(a[0]), must)
      const s = str(a[1])
      const repl = str(a[2])
      const names = re.namedGroups()
      return replaceAll(re, s, (m) => expand(repl, s, m, names))
    },
    3,
  ),
  ...both(
    'regexReplaceAllLiteral',
    (must, a) => {
      const repl = str(a[2])
      return replaceAll(compile(str(a[0]), must), str(a[1]), () => repl)
    },
    3,
  ),
  ...both('regexSplit', (must, a) => typed(split(compile(str(a[0]), must), str(a[1]), int(a[2])), '[]string'), 3),
  regexQuoteMeta: (...a) => {
    want('regexQuoteMeta', a, 1)
    return quoteMeta(str(a[0]))
  },
})

import * as E from 'fp-ts/Either'
import type { ChartError } from './ChartError'
import { invalidChartFile } from './ChartError'

/** One `.helmignore` line, compiled. */
interface Rule {
  readonly raw: string
  readonly negate: boolean
  readonly mustDir: boolean
  readonly match: (path: string) => boolean
}

/** Parsed `.helmignore` rules, evaluated with `isIgnored`. */
export interface IgnoreRules {
  readonly rules: ReadonlyArray<Rule>
}

/**
 * Compiles a Go `filepath.Match` pattern into a RegExp over a whole path (`*` and `?` never match `/`,
 * `[...]`/`[^...]` classes, `\` escapes). Returns undefined for a malformed pattern (Go's ErrBadPattern).
 */
export const globToRegExp = (pattern: string): RegExp | undefined => {
  let re = '^'
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string
    if (c === '*') re += '[^/]*'
    else if (c === '?') re += '[^/]'
    else if (c === '\\') {
      i++
      if (i >= pattern.length) return undefined
      re += escapeRegExp(pattern[i] as string)
    } else if (c === '[') {
      let j = i + 1
      let cls = ''
      if (pattern[j] === '^') {
        cls += '^'
        j++
      }
      let n = 0
      while (j < pattern.length && (pattern[j] !== ']' || n === 0)) {
        let ch = pattern[j] as string
        if (ch === '\\') {
          j++
          if (j >= pattern.length) return undefined
          ch = pattern[j] as string
        }
        cls += ch === '-' && n > 0 && pattern[j + 1] !== ']' ? '-' : escapeRegExp(ch)
        n++
        j++
      }
      if (j >= pattern.length || n === 0) return undefined
      re += cls.startsWith('^') ? `[${cls}/]` : `[${cls}]`
      i = j
    } else re += escapeRegExp(c)
  }
  try {
    return new RegExp(`${re}$`)
  } catch {
    return undefined
  }
}

const escapeRegExp = (c: string): string => c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')

const basename = (p: string): string => p.slice(p.lastIndexOf('/') + 1)

/**
 * The test of one pattern over a whole path: a name without wildcards and `*` + a name (the usual lines of a
 * .helmignore) compare strings as the compiled pattern would match; the rest compile with `globToRegExp`.
 */
const matcher = (pattern: string): ((path: string) => boolean) | undefined => {
  if (!/[*?[\\]/.test(pattern)) return (p) => p === pattern
  const suffix = pattern.slice(1)
  if (pattern.startsWith('*') && !/[*?[\\]/.test(suffix))
    return (p) => p.endsWith(suffix) && !p.slice(0, p.length - suffix.length).includes('/')
  const re = globToRegExp(pattern)
  return re === undefined ? undefined : (p) => re.test(p)
}

/** Helm adds this rule to every chart: dotfiles under templates/ are never templates. */
const DEFAULTS = ['templates/.?*']

/**
 * Parses `.helmignore` text as Helm's pkg/ignore does: `#` comments, `!` negation, trailing `/` =
 * directories only, leading `/` = anchored at the chart root, a pattern without `/` matches basenames.
 * Helm's default rule `templates/.?*` is appended. Errors: InvalidChartFile (`**`, a malformed glob).
 */
export const parseHelmIgnore = (text: string): E.Either<ChartError, IgnoreRules> => {
  const rules: Rule[] = []
  for (const line of [...text.split(/\r?\n/), ...DEFAULTS]) {
    const raw = line.trim()
    if (raw === '' || raw.startsWith('#')) continue
    if (raw.includes('**')) return E.left(invalidChartFile('.helmignore', ['double-star (**) syntax is not supported']))
    let rule = raw
    const negate = rule.startsWith('!')
    if (negate) rule = rule.slice(1)
    const mustDir = rule.endsWith('/')
    if (mustDir) rule = rule.slice(0, -1)
    const anchored = rule.startsWith('/')
    if (anchored) rule = rule.slice(1)
    // Helm validates the whole raw line (with its `!`), as filepath.Match(rule, "abc") would: only a class or an
    // escape can be malformed
    const match = matcher(rule)
    if (match === undefined || (/[[\\]/.test(raw) && globToRegExp(raw) === undefined))
      return E.left(invalidChartFile('.helmignore', [`syntax error in pattern: ${raw}`]))
    const structural = anchored || rule.includes('/')
    rules.push({ raw, negate, mustDir, match: structural ? match : (p) => match(basename(p)) })
  }
  return E.right({ rules })
}

/** The rules of a chart without `.helmignore`: only Helm's defaults. */
export const defaultIgnoreRules: IgnoreRules = (() => {
  const r = parseHelmIgnore('')
  return E.isRight(r) ? r.right : { rules: [] }
})()

/**
 * Whether `path` (relative to the chart root, `/`-separated) is ignored, evaluating rules in order as
 * Helm's `Rules.Ignore` does, including its quirk: a negated rule that does NOT match ignores the path.
 */
export const isIgnored = (rules: IgnoreRules, path: string, isDir: boolean): boolean => {
  if (path === '' || path === '.' || path === './') return false
  for (const r of rules.rules) {
    if (r.negate) {
      if (r.mustDir && !isDir) return true
      if (!r.match(path)) return true
      continue
    }
    if (r.mustDir && !isDir) continue
    if (r.match(path)) return true
  }
  return false
}

/**
 * Whether a file survives Helm's directory walk: the file and none of its parent folders ignored
 * (an ignored folder is skipped whole).
 */
export const isIncluded = (rules: IgnoreRules, path: string): boolean => {
  const parts = path.split('/')
  for (let i = 1; i < parts.length; i++) if (isIgnored(rules, parts.slice(0, i).join('/'), true)) return false
  return !isIgnored(rules, path, false)
}

/** Word-level helpers behind Sprig's string functions (Masterminds/goutils and huandu/xstrings behaviour). */

// Go maps case rune by rune with Unicode's simple mappings: a full mapping to several runes (ß → SS) is
// not applied, and there is no final-sigma rule. U+0130 lowers to a plain i.
const single = (c: string, mapped: string): string => (mapped.length === c.length || Array.from(mapped).length === 1 ? mapped : c === '\u0130' ? 'i' : c)
/** Go's strings.ToUpper. */
export const goUpper = (s: string): string => (/^[\x00-\x7f]*$/.test(s) ? s.toUpperCase() : Array.from(s, (c) => single(c, c.toUpperCase())).join(''))
/** Go's strings.ToLower. */
export const goLower = (s: string): string => (/^[\x00-\x7f]*$/.test(s) ? s.toLowerCase() : Array.from(s, (c) => single(c, c.toLowerCase())).join(''))
// unicode.ToTitle differs from ToUpper only for the four Latin digraphs
const TITLE: Record<string, string> = { 'Ǆ': 'ǅ', 'ǅ': 'ǅ', 'ǆ': 'ǅ', 'Ǉ': 'ǈ', 'ǈ': 'ǈ', 'ǉ': 'ǈ', 'Ǌ': 'ǋ', 'ǋ': 'ǋ', 'ǌ': 'ǋ', 'Ǳ': 'ǲ', 'ǲ': 'ǲ', 'ǳ': 'ǲ' }
const goTitleRune = (c: string): string => TITLE[c] ?? goUpper(c)

const isSpace = (c: string): boolean => /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(c)
const isLetter = (c: string): boolean => /^\p{L}$/u.test(c)
const isDigit = (c: string): boolean => /^\p{Nd}$/u.test(c)
const isUpper = (c: string): boolean => /^\p{Lu}$/u.test(c)
const isLower = (c: string): boolean => /^\p{Ll}$/u.test(c)
const isTitleCase = (c: string): boolean => /^\p{Lt}$/u.test(c)

// Go's strings.Title separator rule: ASCII alphanumerics and '_' join words, other ASCII separates;
// beyond ASCII letters and digits join and only spaces separate.
const isSeparator = (c: string): boolean => {
  const cp = c.codePointAt(0)!
  if (cp <= 0x7f) return !/[0-9A-Za-z_]/.test(c)
  if (isLetter(c) || isDigit(c)) return false
  return isSpace(c)
}

/** Go's `strings.Title`: the first letter of each word upper-cased. */
export const title = (s: string): string => {
  let prev = ' '
  let out = ''
  for (const c of s) {
    out += isSeparator(prev) ? goTitleRune(c) : c
    prev = c
  }
  return out
}

/** goutils `Uncapitalize` with whitespace delimiters (Sprig's `untitle`). */
export const uncapitalize = (s: string): string => {
  let next = true
  let out = ''
  for (const c of s) {
    if (isSpace(c)) {
      next = true
      out += c
    } else if (next) {
      out += goLower(c)
      next = false
    } else out += c
  }
  return out
}

/** goutils `Initials`: the first character of each whitespace-separated word. */
export const initials = (s: string): string => {
  let gap = true
  let out = ''
  for (const c of s) {
    if (isSpace(c)) gap = true
    else if (gap) {
      out += c
      gap = false
    }
  }
  return out
}

/** goutils `SwapCase`. */
export const swapcase = (s: string): string =>
  Array.from(s, (c) => (isUpper(c) || isTitleCase(c) ? goLower(c) : isLower(c) ? goUpper(c) : c)).join('')

const isConnector = (c: string): boolean => c === '-' || c === '_' || isSpace(c)

/**
 * xstrings `ToCamelCase`: connectors dropped and the rune after one upper-cased, the first rune upper-cased,
 * a rune after an upper-case rune lower-cased ("HTTPServer" → "Httpserver"); a string of connectors only
 * keeps them and repeats the last (an xstrings quirk: "_" → "__").
 */
export const camelcase = (s: string): string => {
  const cps = Array.from(s)
  if (cps.length === 0) return ''
  let out = ''
  let i = 0
  let r0 = ''
  while (i < cps.length) {
    r0 = cps[i++]
    if (!isConnector(r0)) {
      r0 = goUpper(r0)
      break
    }
    out += r0
  }
  if (i >= cps.length) return out + r0
  let prevUpper = isUpper(cps[i - 1])
  while (i < cps.length) {
    const r1 = r0
    const orig = cps[i++]
    r0 = orig
    if (isConnector(r0) && isConnector(r1)) {
      out += r1
      prevUpper = false
      continue
    }
    if (isConnector(r1)) r0 = goUpper(r0)
    else {
      if (prevUpper) r0 = goLower(r0)
      out += r1
    }
    prevUpper = isUpper(orig)
  }
  return out + r0
}

type Token = { readonly kind: 'word' | 'number' | 'connector' | 'punct'; readonly text: string; readonly lowerStart?: boolean }

const tokenize = (s: string): Token[] => {
  const cps = Array.from(s)
  const out: Token[] = []
  let i = 0
  while (i < cps.length) {
    const c = cps[i]
    if (isConnector(c)) {
      out.push({ kind: 'connector', text: c })
      i++
    } else if (isDigit(c)) {
      let j = i
      while (j < cps.length && isDigit(cps[j])) j++
      out.push({ kind: 'number', text: cps.slice(i, j).join('') })
      i = j
    } else if (isLetter(c)) {
      let j = i + 1
      if (isUpper(c) && j < cps.length && isUpper(cps[j])) {
        // an acronym runs until the capital that starts the next word ("HTTPServer" → HTTP, Server)
        while (j < cps.length && isUpper(cps[j]) && !(j + 1 < cps.length && isLower(cps[j + 1]))) j++
      } else while (j < cps.length && isLetter(cps[j]) && !isUpper(cps[j])) j++
      out.push({ kind: 'word', text: cps.slice(i, j).join(''), lowerStart: !isUpper(c) })
      i = j
    } else {
      out.push({ kind: 'punct', text: c })
      i++
    }
  }
  return out
}

/**
 * xstrings `ToSnakeCase` / `ToKebabCase`: words split at case changes and acronym ends, lower-cased and
 * joined with `connector`; every connector in the input (-, _, space) becomes one `connector`; a number
 * sticks to the word before it unless lower-case letters follow it ("Bld4Floor" → bld4_floor, "HTTP2xx" → http_2xx).
 */
export const snakeLike = (s: string, connector: string): string => {
  const toks = tokenize(s)
  let out = ''
  let prev: Token | undefined
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]
    if (t.kind === 'connector') out += connector
    else if (t.kind === 'punct') out += t.text
    else if (t.kind === 'number') {
      const next = toks[k + 1]
      const startsWord = next !== undefined && next.kind === 'word' && next.lowerStart === true
      if (startsWord) {
        if (prev !== undefined && (prev.kind === 'word' || prev.kind === 'number')) out += connector
        out += t.text + goLower(next.text)
        prev = next
        k++
        continue
      }
      out += t.text
    } else {
      if (prev !== undefined && (prev.kind === 'word' || prev.kind === 'number')) out += connector
      out += goLower(t.text)
    }
    prev = t
  }
  return out
}

/** goutils `WrapCustom` (byte offsets, as Go slices the string). */
export const wrapCustom = (s: string, width: number, newline: string, wrapLong: boolean): string => {
  if (s === '') return ''
  const nl = newline === '' ? '\n' : newline
  const w = width < 1 ? 1 : width
  let offset = 0
  let out = ''
  while (s.length - offset > w) {
    if (s[offset] === ' ') {
      offset++
      continue
    }
    const end = Math.min(w + offset + 1, s.length)
    const at = s.slice(offset, end).lastIndexOf(' ') + offset
    if (at >= offset) {
      out += s.slice(offset, at) + nl
      offset = at + 1
    } else if (wrapLong) {
      out += s.slice(offset, offset + w) + nl
      offset += w
    } else {
      const idx = s.slice(w + offset).indexOf(' ')
      if (idx === -1) {
        out += s.slice(offset)
        offset = s.length
      } else {
        out += s.slice(offset, idx + w + offset) + nl
        offset = idx + w + offset + 1
      }
    }
  }
  return out + s.slice(offset)
}

/** goutils `AbbreviateFull(s, offset, maxWidth)` with "..." markers (callers check the minimum widths). */
export const abbreviate = (s: string, offset: number, maxWidth: number): string => {
  if (s === '' || s.length <= maxWidth) return s
  let off = Math.min(offset, s.length)
  if (s.length - off < maxWidth - 3) off = s.length - (maxWidth - 3)
  if (off <= 4) return s.slice(0, maxWidth - 3) + '...'
  if (maxWidth < 7) return ''
  if (off + maxWidth - 3 < s.length) return '...' + abbreviate(s.slice(off), 0, maxWidth - 3)
  return '...' + s.slice(s.length - (maxWidth - 3))
}

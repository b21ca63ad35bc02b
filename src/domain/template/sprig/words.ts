/** Word-level helpers behind Sprig's string functions (Masterminds/goutils and huandu/xstrings behaviour). */
import { charge } from '../../go/Budget'

// Go maps case rune by rune with Unicode's simple mappings: a full mapping to several runes (ß → SS) is
// not applied, and there is no final-sigma rule. U+0130 lowers to a plain i.
const single = (c: string, mapped: string): string =>
  mapped.length === c.length || Array.from(mapped).length === 1 ? mapped : c === '\u0130' ? 'i' : c
/** Go's strings.ToUpper. */
export const goUpper = (s: string): string =>
  /^[\x00-\x7f]*$/.test(s) ? s.toUpperCase() : Array.from(s, (c) => single(c, c.toUpperCase())).join('')
/** Go's strings.ToLower. */
export const goLower = (s: string): string =>
  /^[\x00-\x7f]*$/.test(s) ? s.toLowerCase() : Array.from(s, (c) => single(c, c.toLowerCase())).join('')
// unicode.ToTitle differs from ToUpper only for the four Latin digraphs
const TITLE: Record<string, string> = {
  Ǆ: 'ǅ',
  ǅ: 'ǅ',
  ǆ: 'ǅ',
  Ǉ: 'ǈ',
  ǈ: 'ǈ',
  ǉ: 'ǈ',
  Ǌ: 'ǋ',
  ǋ: 'ǋ',
  ǌ: 'ǋ',
  Ǳ: 'ǲ',
  ǲ: 'ǲ',
  ǳ: 'ǲ',
}
const goTitleRune = (c: string): string => TITLE[c] ?? goUpper(c)

const isSpace = (c: string): boolean =>
  /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(c)
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

// goutils walks some strings byte by byte, reading each byte as a Latin-1 rune (a multi-byte character
// comes out as mojibake, its bytes 0x85 and 0xA0 count as spaces): mirrored for initials and nospace.
const latin1Space = (b: number): boolean => b === 0x20 || (b >= 0x09 && b <= 0x0d) || b === 0x85 || b === 0xa0

/** goutils `Initials`: the first byte (as a rune) of each whitespace-separated word. */
export const initials = (s: string): string => {
  let gap = true
  let out = ''
  for (const b of Buffer.from(s, 'utf8')) {
    if (latin1Space(b)) gap = true
    else if (gap) {
      out += String.fromCharCode(b)
      gap = false
    }
  }
  return out
}

/** goutils `DeleteWhiteSpace`: unchanged when nothing is removed, otherwise the kept bytes as Latin-1 runes. */
export const deleteWhiteSpace = (s: string): string => {
  const bytes = Buffer.from(s, 'utf8')
  let out = ''
  let kept = 0
  for (const b of bytes) {
    if (!latin1Space(b)) {
      out += String.fromCharCode(b)
      kept++
    }
  }
  return kept === bytes.length ? s : out
}

/** goutils `SwapCase`. */
export const swapcase = (s: string): string =>
  Array.from(s, (c) => (isUpper(c) || isTitleCase(c) ? goLower(c) : isLower(c) ? goUpper(c) : c)).join('')

const isConnector = (c: string): boolean => c === '-' || c === '_' || isSpace(c)

/**
 * xstrings `ToCamelCase`: connectors dropped and the rune after one upper-cased, the first rune upper-cased;
 * when a word starts upper-case, the capitals right after it are lowered ("HTTPServer" → "Httpserver",
 * "ALL_CAPS" → "AllCaps"); a string of connectors only keeps them and repeats the last ("_" → "__").
 */
export const camelcase = (s: string): string => {
  const cps = Array.from(s)
  if (cps.length === 0) return ''
  let out = ''
  let i = 0
  let r0 = ''
  let firstUpper = false
  while (i < cps.length) {
    r0 = cps[i++]
    if (!isConnector(r0)) {
      firstUpper = isUpper(r0)
      r0 = goUpper(r0)
      break
    }
    out += r0
  }
  if (i >= cps.length) return out + r0
  while (i < cps.length) {
    const r1 = r0
    r0 = cps[i++]
    if (isConnector(r0) && isConnector(r1)) {
      out += r1
      continue
    }
    if (isConnector(r1)) {
      firstUpper = isUpper(r0)
      r0 = goUpper(r0)
    } else {
      if (firstUpper) {
        if (isUpper(r0)) r0 = goLower(r0)
        else firstUpper = false
      }
      out += r1
    }
  }
  return out + r0
}

type WordType = 'connector' | 'punct' | 'upper' | 'alphabet' | 'number' | 'invalid'

const isPunct = (c: string): boolean => /^\p{P}$/u.test(c)
const isNumber = (c: string): boolean => /^\p{N}$/u.test(c)

/** xstrings `nextWord`: the type and length (in runes) of the word starting at `at`. */
const nextWord = (cps: string[], at: number): [WordType, number] => {
  const c = cps[at]
  let j = at + 1
  const run = (keep: (x: string) => boolean): number => {
    while (j < cps.length && keep(cps[j])) j++
    return j
  }
  if (isConnector(c)) return ['connector', run(isConnector)]
  if (isPunct(c)) return ['punct', run(isPunct)]
  if (isUpper(c)) {
    if (j >= cps.length) return ['upper', j]
    if (isUpper(cps[j])) {
      run(isUpper)
      // "HTTPStatus": the S that starts the next word stays out of the acronym
      if (j < cps.length && isLetter(cps[j])) j--
      return ['upper', j]
    }
    if (isLetter(cps[j])) return ['upper', run((x) => isLetter(x) && !isUpper(x))]
    return ['upper', j]
  }
  if (isLetter(c)) return ['alphabet', run((x) => isLetter(x) && !isUpper(x))]
  if (isNumber(c)) return ['number', run(isNumber)]
  return ['invalid', run((x) => !(isConnector(x) || isLetter(x) || isNumber(x) || isPunct(x)))]
}

const lowerWord = (t: WordType, w: string[], connector: string): string =>
  t !== 'upper' && t !== 'connector'
    ? w.map(goLower).join('')
    : w.map((r) => (isConnector(r) ? connector : isUpper(r) ? goLower(r) : r)).join('')

/**
 * xstrings `ToSnakeCase` / `ToKebabCase` (camelCaseToLowerCase): words split at case changes, acronym ends,
 * numbers and symbols, lower-cased and joined with `connector`; connector runs become connectors, punctuation
 * is kept without connectors around it, and a number sticks to the word before it unless lower-case letters
 * follow it ("Bld4Floor" → bld4_floor, "HTTP2xx" → http_2xx).
 */
export const snakeLike = (s: string, connector: string): string => {
  const cps = Array.from(s)
  if (cps.length === 0) return ''
  let pos = 0
  const next = (): [WordType, string[]] => {
    const [t, end] = nextWord(cps, pos)
    const w = cps.slice(pos, end)
    pos = end
    return [t, w]
  }
  let out = ''
  let [wt, word] = next()
  // after a number: letters and digits run on, then a connector unless punctuation or a connector follows
  const afterNumber = (): void => {
    while ((wt === 'alphabet' || wt === 'number') && pos < cps.length) {
      out += lowerWord(wt, word, connector)
      ;[wt, word] = next()
    }
    if (wt !== 'punct' && wt !== 'connector' && !(wt === 'alphabet' || wt === 'number')) out += connector
  }
  while (pos < cps.length) {
    if (wt !== 'connector') out += lowerWord(wt, word, connector)
    const prev = wt
    const last = word
    ;[wt, word] = next()
    if (prev === 'number') afterNumber()
    else if (prev === 'connector') out += lowerWord(prev, last, connector)
    else if (prev !== 'punct') {
      if (wt !== 'number') {
        if (wt !== 'connector' && wt !== 'punct') out += connector
        continue
      }
      if (pos >= cps.length) continue
      const num = word
      ;[wt, word] = next()
      if (wt === 'alphabet') {
        // lower-case letters after a number start a new word with it ("HTTP2xx" → http_2xx)
        out += connector + lowerWord('number', num, connector)
        afterNumber()
        continue
      }
      // otherwise the number ends the previous word ("Bld4Floor" → bld4_floor)
      out += lowerWord('number', num, connector)
      afterNumber()
    }
  }
  return out + lowerWord(wt, word, connector)
}

/** goutils `WrapCustom`, on UTF-8 bytes as Go slices the string. */
export const wrapCustom = (text: string, width: number, newline: string, wrapLong: boolean): string => {
  if (text === '') return ''
  const s = Buffer.from(text, 'utf8')
  const nl = Buffer.from(newline === '' ? '\n' : newline, 'utf8')
  const w = width < 1 ? 1 : width
  const space = 0x20
  // goutils' walk over the text, calling piece(start, end) for each kept piece (a line break goes between
  // pieces); run twice, to size the result (charged before it is built) and to fill it: millions of short lines
  // (wrap 1 of a long text) then cost no memory beyond the text and the result
  const walk = (piece: (start: number, end: number) => void): void => {
    let offset = 0
    while (s.length - offset > w) {
      if (s[offset] === space) {
        offset++
        continue
      }
      let at = Math.min(w + offset + 1, s.length) - 1
      while (at >= offset && s[at] !== space) at--
      if (at >= offset) {
        piece(offset, at)
        offset = at + 1
      } else if (wrapLong) {
        piece(offset, offset + w)
        offset += w
      } else {
        let idx = w + offset
        while (idx < s.length && s[idx] !== space) idx++
        if (idx === s.length) break
        piece(offset, idx)
        offset = idx + 1
      }
    }
    piece(offset, s.length)
  }
  let size = -nl.length
  walk((start, end) => {
    size += end - start + nl.length
  })
  charge(size)
  const out = Buffer.allocUnsafe(size)
  let at = 0
  walk((start, end) => {
    for (let k = start; k < end; k++) out[at++] = s[k]!
    // a line break after every piece but the last
    if (at < size) for (let k = 0; k < nl.length; k++) out[at++] = nl[k]!
  })
  return out.toString('utf8')
}

/** goutils `AbbreviateFull(s, offset, maxWidth)` with "..." markers, on UTF-8 bytes (callers check the minimum widths). */
export const abbreviate = (text: string, offset: number, maxWidth: number): string => {
  const s = Buffer.from(text, 'utf8')
  if (s.length === 0 || s.length <= maxWidth) return text
  let off = Math.min(offset, s.length)
  if (s.length - off < maxWidth - 3) off = s.length - (maxWidth - 3)
  if (off <= 4) return s.subarray(0, maxWidth - 3).toString('utf8') + '...'
  if (maxWidth < 7) return ''
  if (off + maxWidth - 3 < s.length) return '...' + abbreviate(s.subarray(off).toString('utf8'), 0, maxWidth - 3)
  return '...' + s.subarray(s.length - (maxWidth - 3)).toString('utf8')
}

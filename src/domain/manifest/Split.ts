import { trimSpace } from '../go/Strings'

/** RE2's `\s`: `[\t\n\f\r ]` (no vertical tab). */
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f'

/**
 * Splits a multi-document YAML stream the way Helm's SplitManifests does with its regexp
 * `(?:^|\s*\n)---\s*`: a separator is `---` at the start of the text or of a line, with the whitespace
 * around it (so text after `---` on the same line starts the next document, and a separator swallows
 * the blank lines before a following `---`). Returns every document trimmed, empty ones dropped.
 */
export const splitManifests = (text: string): string[] => {
  const s = trimSpace(text)
  const docs: string[] = []
  let start = 0
  if (s.startsWith('---')) {
    start = 3
    while (isSpace(s[start])) start++
  }
  for (;;) {
    const nl = s.indexOf('\n---', start)
    if (nl < 0) break
    docs.push(s.slice(start, nl))
    start = nl + 4
    while (isSpace(s[start])) start++
  }
  docs.push(s.slice(start))
  return docs.map(trimSpace).filter((d) => d !== '')
}

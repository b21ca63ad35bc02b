// libyaml (behind go-yaml) lets the continuation lines of a multi-line quoted scalar start at any
// column; the `yaml` package requires them to be indented past the parent node, so manifests such as
//   command:
//     - "curl -ik \
//   -X DELETE"
// parse in Helm and fail here. Leading white space of a continuation line is never part of a quoted
// scalar's value, so indenting those lines further changes nothing but the layout.

const quoteStart = /(^|[\s[{,]|^\s*-\s+|:\s+)(["'])/g

/** Finds where the closing quote of a scalar opened at `from` lies on `line`, or -1 if it runs on. */
const closing = (line: string, from: number, q: string): number => {
  for (let i = from; i < line.length; i++) {
    const c = line[i]
    if (q === '"' && c === '\\') i++
    else if (c === q) {
      if (q === "'" && line[i + 1] === "'") i++
      else return i
    }
  }
  return -1
}

/**
 * Re-indents the continuation lines of multi-line quoted scalars to the column of their opening
 * quote. Returns the text unchanged when there is nothing to fix.
 */
export const indentQuotedContinuations = (text: string): string => {
  const lines = text.split('\n')
  let open: { q: string; column: number } | undefined
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n] as string
    let pos = 0
    if (open !== undefined) {
      const indent = line.length - line.trimStart().length
      if (line.trim() !== '' && indent < open.column) {
        line = ' '.repeat(open.column) + line.trimStart()
        lines[n] = line
      }
      const end = closing(line, 0, open.q)
      if (end < 0) continue
      pos = end + 1
      open = undefined
    }
    while (open === undefined) {
      quoteStart.lastIndex = pos
      const rest = line.slice(pos)
      const hash = rest.search(/(^|\s)#/)
      const m = quoteStart.exec(line)
      if (m === null || (hash >= 0 && m.index + (m[1]?.length ?? 0) > pos + hash)) break
      const at = m.index + (m[1]?.length ?? 0)
      const q = m[2] as string
      const end = closing(line, at + 1, q)
      if (end < 0) open = { q, column: at + 1 }
      else pos = end + 1
    }
  }
  return lines.join('\n')
}

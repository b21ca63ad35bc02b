const isIndicator = (token: string): boolean => {
  if (token[0] !== '|' && token[0] !== '>') return false
  for (let i = 1; i < token.length; i++) if (!'+-0123456789'.includes(token[i]!)) return false
  return true
}

/** Whether a line ends with a block scalar header (`key: |`, `- >-`, a lone `|2`), comments aside. */
const opensBlockScalar = (line: string): boolean => {
  const hash = line.indexOf(' #')
  const body = (hash >= 0 ? line.slice(0, hash) : line).trimEnd()
  const space = body.lastIndexOf(' ')
  const token = body.slice(space + 1)
  if (!isIndicator(token)) return false
  const before = body.slice(0, space + 1).trimEnd()
  return before === '' || before.endsWith(':') || before.endsWith('-')
}

/**
 * libyaml (behind Helm's YAML reading) accepts continuation lines of a multi-line quoted scalar at any
 * indentation, where the YAML spec and our parser want them deeper than the enclosing block. Charts rely on
 * it (`- "curl -ik \` with the next lines less indented). Folding drops a continuation line's leading
 * whitespace anyway, so re-indenting those lines to the opening quote's column changes no value.
 * Returns the re-indented text, or `undefined` when there was nothing to change.
 */
export const reindentQuotedContinuations = (text: string): string | undefined => {
  const lines = text.split('\n')
  let changed = false
  let open: { readonly quote: string; readonly column: number } | undefined
  let blockIndent = -1 // inside a block scalar whose parent line had this indentation
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!
    const indent = line.length - line.trimStart().length
    if (open === undefined && blockIndent >= 0) {
      if (line.trim() === '' || indent > blockIndent) continue
      blockIndent = -1
    }
    let start = 0
    if (open !== undefined && indent <= open.column) {
      line = ' '.repeat(open.column + 1) + line.trimStart()
      lines[i] = line
      changed = true
      start = open.column + 1
    }
    let prevSignificant = open === undefined ? '' : ' '
    for (let j = start; j < line.length; j++) {
      const c = line[j]!
      if (open !== undefined) {
        if (open.quote === '"' && c === '\\') j++
        else if (c === open.quote) {
          if (open.quote === "'" && line[j + 1] === "'") j++
          else open = undefined
        }
        continue
      }
      if (c === '#' && (j === 0 || line[j - 1] === ' ' || line[j - 1] === '\t')) break
      if (
        (c === '"' || c === "'") &&
        (prevSignificant === '' ||
          prevSignificant === ':' ||
          prevSignificant === '-' ||
          prevSignificant === '[' ||
          prevSignificant === '{' ||
          prevSignificant === ',' ||
          prevSignificant === '?')
      ) {
        open = { quote: c, column: j }
        continue
      }
      if (c !== ' ' && c !== '\t') prevSignificant = c
    }
    if (open === undefined && opensBlockScalar(line)) blockIndent = indent
  }
  return changed ? lines.join('\n') : undefined
}

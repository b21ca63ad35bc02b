/**
 * Text table as Helm prints with gosuri/uitable: every cell padded to its column's width (at most
 * `maxColWidth`, longer cells cut to that width ending in "..."), cells joined by a tab, rows by newlines.
 * Returns the text without a final newline.
 */
export const formatTable = (rows: ReadonlyArray<ReadonlyArray<string>>, maxColWidth = 0): string => {
  const cut = (s: string): string => {
    const chars = [...s]
    return maxColWidth > 0 && chars.length > maxColWidth
      ? `${chars.slice(0, Math.max(0, maxColWidth - 3)).join('')}...`
      : s
  }
  const cells = rows.map((r) => r.map(cut))
  const widths: number[] = []
  for (const r of cells)
    r.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...c].length)
    })
  return cells.map((r) => r.map((c, i) => c + ' '.repeat((widths[i] ?? 0) - [...c].length)).join('\t')).join('\n')
}

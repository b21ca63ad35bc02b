import { stringify } from 'yaml'

/** The YAML text a plan shows for an object. */
export const objectYaml = (o: unknown): string => (o === undefined ? '' : stringify(o, { lineWidth: 0 }))

/**
 * A line diff of two texts (longest common subsequence), each line prefixed `+ `, `- ` or `  `, with
 * unchanged runs longer than 2 × `context` lines folded to `  ...`.
 */
export const lineDiff = (before: string, after: string, context = 3): string => {
  const a = before === '' ? [] : before.replace(/\n$/, '').split('\n')
  const b = after === '' ? [] : after.replace(/\n$/, '').split('\n')
  const n = a.length
  const m = b.length
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0))
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
  const lines: Array<{ op: ' ' | '+' | '-'; text: string }> = []
  let i = 0
  let j = 0
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      lines.push({ op: ' ', text: a[i]! })
      i++
      j++
    } else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) lines.push({ op: '-', text: a[i++]! })
    else lines.push({ op: '+', text: b[j++]! })
  }
  const keep = lines.map(
    (l, k) => l.op !== ' ' || lines.slice(Math.max(0, k - context), k + context + 1).some((x) => x.op !== ' '),
  )
  const out: string[] = []
  for (let k = 0; k < lines.length; k++) {
    if (keep[k]) out.push(`${lines[k]!.op} ${lines[k]!.text}`)
    else if (out.at(-1) !== '  ...') out.push('  ...')
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`
}

type Runes = string | string[]

// A BMP-only string indexes by code point already; only surrogate pairs need splitting.
const runes = (s: string): Runes => (/[\ud800-\udfff]/.test(s) ? Array.from(s) : s)

const isLetter = (c: string): boolean =>
  (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c > '\u007f' && /^\p{L}$/u.test(c))
const isDigit = (c: string): boolean => (c >= '0' && c <= '9') || (c > '\u007f' && /^\p{Nd}$/u.test(c))

// Go accumulates a digit run in an int64 (wrapping), reading each rune as rune-'0'
const digitRun = (r: Runes, from: number, start: bigint): [bigint, number] => {
  let n = start
  let i = from
  for (; i < r.length && isDigit(r[i]); i++) n = BigInt.asIntN(64, n * 10n + BigInt(r[i].codePointAt(0)! - 48))
  return [n, i]
}

/** yaml.v2 `keyList.Less` for string keys: letters after non-letters, digit runs compared as numbers. */
export const yamlKeyLess = (a: string, b: string): boolean => {
  const ar = runes(a)
  const br = runes(b)
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const x = ar[i]
    const y = br[i]
    if (x === y) continue
    const al = isLetter(x)
    const bl = isLetter(y)
    if (al && bl) return x.codePointAt(0)! < y.codePointAt(0)!
    // non-letters first. This order is not transitive ("10a" < "1a" < "2a" < "10a"), so for such keys Go's
    // sort result depends on map iteration order and Helm's own output varies from run to run.
    if (al || bl) return bl
    let start = 0n
    if (x === '0' || y === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          start = 1n
          break
        }
      }
    }
    const [an, ai] = digitRun(ar, i, start)
    const [bn, bi] = digitRun(br, i, start)
    if (an !== bn) return an < bn
    if (ai !== bi) return ai < bi
    return x.codePointAt(0)! < y.codePointAt(0)!
  }
  return ar.length < br.length
}

/** A sort comparator from yamlKeyLess. */
export const compareKeys = (a: string, b: string): number =>
  a === b ? 0 : yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0

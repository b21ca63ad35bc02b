/** yaml.v2 `keyList.Less` for string keys: letters after non-letters, digit runs compared as numbers. */
export const yamlKeyLess = (a: string, b: string): boolean => {
  const ar = Array.from(a)
  const br = Array.from(b)
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue
    const al = isLetter(ar[i])
    const bl = isLetter(br[i])
    if (al && bl) return ar[i].codePointAt(0)! < br[i].codePointAt(0)!
    // non-letters first. This order is not transitive ("10a" < "1a" < "2a" < "10a"), so for such keys Go's
    // sort result depends on map iteration order and Helm's own output varies from run to run.
    if (al || bl) return bl
    let an = 0n
    let bn = 0n
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1n
          bn = 1n
          break
        }
      }
    }
    let ai = i
    let bi = i
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10n + BigInt(ar[ai].codePointAt(0)! - 48)
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10n + BigInt(br[bi].codePointAt(0)! - 48)
    if (an !== bn) return an < bn
    if (ai !== bi) return ai < bi
    return ar[i].codePointAt(0)! < br[i].codePointAt(0)!
  }
  return ar.length < br.length
}
const isLetter = (c: string): boolean => /^\p{L}$/u.test(c)
const isDigit = (c: string): boolean => c >= '0' && c <= '9' ? true : c > '\u007f' && /^\p{Nd}$/u.test(c)

/** A sort comparator from yamlKeyLess. */
export const compareKeys = (a: string, b: string): number => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0)

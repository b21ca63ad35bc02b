/** How many reads of one operation Tiller keeps in flight to the API server at once. */
export const READS_IN_FLIGHT = 8

/**
 * `f` over `items`, at most `limit` at a time, the results in the order of `items` (whatever order they finish in):
 * independent reads of one operation go out together instead of one round trip after another.
 */
export const mapInOrder = async <A, B>(
  items: ReadonlyArray<A>,
  f: (a: A) => Promise<B>,
  limit = READS_IN_FLIGHT,
): Promise<B[]> => {
  const out = new Array<B>(items.length)
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      out[i] = await f(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
  return out
}

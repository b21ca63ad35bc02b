// A seeded random source for the differential generators: mulberry32 in 32-bit integer arithmetic (an LCG
// multiplied in doubles loses its low bits and cycles after a few hundred documents), so a seed names one corpus.
export const seeded = (seed) => {
  let s = seed
  const rnd = () => {
    s = (s + 0x6d2b79f5) | 0
    let t = Math.imul(s ^ (s >>> 15), 1 | s)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { rnd, pick: (a) => a[Math.floor(rnd() * a.length)], chance: (p) => rnd() < p }
}

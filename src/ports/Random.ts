/** Randomness as the core sees it (generated release names, `randAlphaNum`, uuids). */
export interface Random {
  /** `n` random bytes. */
  readonly bytes: (n: number) => Uint8Array
  /** A uniform integer in [0, max). */
  readonly int: (max: number) => number
}

/** Where Sprig's clock and randomness come from, so renders are reproducible in tests. */
export interface SprigEnv {
  readonly now: () => Date
  readonly randomBytes: (n: number) => Uint8Array
}
/** Alias kept for modules that take the environment structurally. */
export type SprigEnvLike = SprigEnv

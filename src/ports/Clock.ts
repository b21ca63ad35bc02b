/** Time as the core sees it: the current instant and a way to wait (a virtual clock advances instead). */
export interface Clock {
  readonly now: () => Date
  /** Resolves after `ms` (at once when `signal` aborts). */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>
}

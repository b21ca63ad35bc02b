/** Tiller's log (Helm v2 Tiller logs every step with a `[tiller]`-style prefix). */
export interface Logger {
  readonly debug: (message: string) => void
  readonly info: (message: string) => void
  readonly warn: (message: string) => void
}

import { randomBytes, randomInt } from 'node:crypto'
import type { Clock } from '../../ports/Clock'
import type { Logger } from '../../ports/Logger'
import type { Random } from '../../ports/Random'

/** Wall-clock time; `sleep` is a timer cleared when its signal aborts. */
export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve()
      const t = setTimeout(resolve, ms)
      signal?.addEventListener('abort', () => {
        clearTimeout(t)
        resolve()
      })
    }),
}

/** Randomness from node:crypto. */
export const cryptoRandom: Random = {
  bytes: (n) => new Uint8Array(randomBytes(n)),
  int: (max) => randomInt(max),
}

/** A logger that writes `[tiller] message` lines to a stream (debug lines only when `debug`). */
export const streamLogger = (write: (line: string) => void, debug = false): Logger => ({
  debug: (m) => {
    if (debug) write(`[tiller] ${m}\n`)
  },
  info: (m) => write(`[tiller] ${m}\n`),
  warn: (m) => write(`[tiller] warning: ${m}\n`),
})

/** A logger that drops everything. */
export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {} }

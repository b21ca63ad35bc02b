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

const two = (n: number): string => String(n).padStart(2, '0')

/** Go's `log` timestamp (log.LstdFlags, local time): `2009/11/10 23:00:00`. */
export const goLogTime = (d: Date): string =>
  `${d.getFullYear()}/${two(d.getMonth() + 1)}/${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`

/**
 * A logger that writes lines as Helm v2's Tiller does (`log.New(os.Stderr, "[tiller] ", log.Flags())`):
 * `[tiller] 2009/11/10 23:00:00 message`; debug lines only when `debug`.
 */
export const streamLogger = (
  write: (line: string) => void,
  debug = false,
  now: () => Date = () => new Date(),
): Logger => {
  const line = (m: string) => write(`[tiller] ${goLogTime(now())} ${m}\n`)
  return {
    debug: (m) => {
      if (debug) line(m)
    },
    info: line,
    warn: (m) => line(`warning: ${m}`),
  }
}

/** A logger that drops everything. */
export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {} }

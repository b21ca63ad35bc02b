import type { Clock } from '../../ports/Clock'

/**
 * A clock for tests and dry runs: `sleep` advances virtual time at once (yielding to other tasks first),
 * so waits and timeouts cost no real time. `advance` moves time forward by hand.
 */
export const virtualClock = (
  start: Date = new Date('2026-01-01T00:00:00Z'),
): Clock & { advance: (ms: number) => void } => {
  let now = start.getTime()
  return {
    now: () => new Date(now),
    sleep: (ms) =>
      new Promise((resolve) =>
        setImmediate(() => {
          now += Math.max(0, ms)
          resolve()
        }),
      ),
    advance: (ms) => {
      now += ms
    },
  }
}

import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { mapInOrder } from '../../src/app/tiller/Concurrent'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const reads = suite('mapInOrder')
reads('should give the results in the order of the items, whichever finishes first', async () => {
  const delays = [30, 5, 20, 0, 10, 25, 1, 15, 3, 8, 12]
  const out = await mapInOrder(delays, async (ms) => {
    await sleep(ms)
    return `done ${ms}`
  })
  assert.equal(
    out,
    delays.map((ms) => `done ${ms}`),
  )
})
reads('should keep at most `limit` calls in flight, and start the next as soon as one ends', async () => {
  let inFlight = 0
  let most = 0
  const started: number[] = []
  await mapInOrder(
    Array.from({ length: 12 }, (_, i) => i),
    async (i) => {
      started.push(i)
      inFlight++
      most = Math.max(most, inFlight)
      await sleep(i % 3 === 0 ? 15 : 2)
      inFlight--
    },
    4,
  )
  assert.is(most, 4)
  assert.equal(
    started,
    Array.from({ length: 12 }, (_, i) => i),
  )
})
reads('should give an empty list for no items without calling anything', async () => {
  assert.equal(
    await mapInOrder([], async () => {
      throw new Error('called')
    }),
    [],
  )
})
reads.run()

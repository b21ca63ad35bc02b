// Renders in worker threads: the ChartEngine contract, and the bounds that keep a hostile chart to one request.
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { renderPool } from '../../../src/adapters/render-worker/RenderPool'
import { message } from '../../../src/domain/errors'
import { chartEngineContract, engineChart } from '../../ports/ChartEngine.contract'

// a quarter of an hour of work within the step and byte budgets (a million hashes of 1 MB: ~3M steps, 64 MB built), however fast
// the machine: only the wall time stops it
const SPIN = '{{ $s := repeat 1000000 "a" }}{{ range 1000000 }}{{ $_ := sha256sum $s }}{{ end }}'

// the bundle's worker (what bin/tiller starts; npm test builds it first): a worker from source would compile
// the domain with tsx on every start
const entry = new URL('../../../dist/render-worker.js', import.meta.url)
const pool = renderPool({ timeoutMs: 4000, maxHeapMb: 48, workers: 2, entry })
chartEngineContract('render workers', () => pool.engine)

const opts = { releaseName: 'rel', namespace: 'ns', revision: 1, isInstall: true, isUpgrade: false }
const env = { now: () => new Date(0), randomBytes: (n: number) => new Uint8Array(n) }
const render = async (templates: Record<string, string>) => {
  const started = Date.now()
  const r = await pool.engine.render(engineChart(templates), {}, opts, env)()
  return { r, ms: Date.now() - started }
}
const fine = async (): Promise<number> => {
  const { r, ms } = await render({})
  assert.ok(E.isRight(r), E.isLeft(r) ? message(r.left) : '')
  return ms
}

const bounds = suite('render workers: bounds')
bounds('should stop a render past its wall time, name the file, and serve the next render at once', async () => {
  await fine() // warm
  const { r, ms } = await render({ 'spin.yaml': SPIN })
  assert.is(E.isLeft(r) && message(r.left), 'rendering top/templates/spin.yaml stopped: the render took longer than 4s')
  assert.ok(ms < 10_000, `${ms} ms`)
  assert.ok((await fine()) < 1500)
})
bounds('should stop a render past its heap, name the file, and replace the worker', async () => {
  const roomy = renderPool({ timeoutMs: 60_000, maxHeapMb: 48, workers: 1, entry })
  try {
    // four million Go integers: within the render's byte budget, past the worker's heap
    const c = engineChart({ 'hog.yaml': '{{ $x := until 2000000 }}{{ $y := until 2000000 }}' })
    const r = await roomy.engine.render(c, {}, opts, env)()
    assert.is(
      E.isLeft(r) && message(r.left),
      'rendering top/templates/hog.yaml stopped: the render needed more than 48 MiB of memory',
    )
    assert.ok(E.isRight(await roomy.engine.render(engineChart(), {}, opts, env)()))
    assert.is(roomy.size(), 1)
  } finally {
    await roomy.close()
  }
})
bounds('should keep rendering other charts while one render runs to its wall time', async () => {
  let stuckDone = 0
  const stuck = render({ 'spin.yaml': SPIN }).then((x) => {
    stuckDone = Date.now()
    return x
  })
  await Promise.all([fine(), fine(), fine()])
  const othersDone = Date.now()
  assert.ok(E.isLeft((await stuck).r))
  assert.ok(othersDone < stuckDone, 'the other renders waited for the stuck one')
})
bounds('should fail renders still waiting when closed', async () => {
  const stuck = render({ 'spin.yaml': SPIN })
  await new Promise((r) => setTimeout(r, 50))
  await pool.close()
  const { r } = await stuck
  assert.match(
    E.isLeft(r) ? message(r.left) : '',
    /^rendering top(\/templates\/spin\.yaml)? stopped: Tiller is shutting down$/,
  )
  assert.is(pool.size(), 0)
})
bounds.run()

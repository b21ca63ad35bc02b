// The kubeconfig of Tiller's in-process sandbox (TMPDIR/wheelhouse-sandbox-PID/kubeconfig) goes with Tiller:
// on SIGTERM, SIGINT and SIGHUP; what SIGKILL leaves behind, the next Tiller removes.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { scratch, startSandboxTiller } from '../support/processes'

const kubeconfigOf = (output: string): string => /its kubeconfig: (\S+)/.exec(output)![1]!

const cleanup = suite("tiller's sandbox kubeconfig")
cleanup('should remove its kubeconfig folder when stopped by SIGTERM, SIGINT or SIGHUP', async () => {
  const dir = scratch('kubeconfig')
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    const tiller = await startSandboxTiller(dir, [], { TMPDIR: dir })
    const kc = kubeconfigOf(tiller.output())
    try {
      assert.ok(kc.startsWith(join(dir, 'wheelhouse-sandbox-')), kc)
      assert.ok(existsSync(kc))
    } finally {
      await tiller.stop(signal)
    }
    assert.not.ok(existsSync(join(kc, '..')), `${signal} left ${kc}`)
  }
})
cleanup('should remove what a Tiller killed by SIGKILL left, and nothing of a live process', async () => {
  const dir = scratch('kubeconfig-kill')
  const killed = await startSandboxTiller(dir, [], { TMPDIR: dir })
  const left = kubeconfigOf(killed.output())
  await killed.stop('SIGKILL')
  assert.ok(existsSync(left))
  // a folder of a live process (this test's) stays
  const live = join(dir, `wheelhouse-sandbox-${process.pid}`)
  mkdirSync(live)
  writeFileSync(join(live, 'kubeconfig'), 'x')
  const next = await startSandboxTiller(dir, [], { TMPDIR: dir })
  try {
    assert.not.ok(existsSync(join(left, '..')))
    assert.ok(existsSync(join(live, 'kubeconfig')))
  } finally {
    await next.stop()
  }
})
cleanup.run()

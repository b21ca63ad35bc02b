import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { message } from '../../src/domain/errors'
import { releaseNotFound } from '../../src/domain/release/StoreError'
import { memoryKube } from '../../src/adapters/memory-kube/MemoryKube'
import { virtualClock } from '../../src/adapters/system/VirtualClock'
import { createTiller } from '../../src/tiller/embed'
import { assertLeft, assertRight } from '../helpers'
import { demoChart, hookTpl, testTiller } from './fixtures'

const hooks = suite('release hooks')
hooks('should run hooks in weight order, ties by name, and delete them per policy after all succeeded', async () => {
  const t = testTiller()
  const chart = demoChart('0.1.0', 'a', {
    'h1.yaml': hookTpl('late', 'pre-install', 5, 'hook-succeeded'),
    'h2.yaml': hookTpl('early', 'pre-install', -1),
    'h3.yaml': hookTpl('b-mid', 'pre-install', 0, 'hook-succeeded'),
    'h4.yaml': hookTpl('a-mid', 'pre-install,post-install', 0, 'before-hook-creation'),
  })
  const r = assertRight(await t.installRelease({ name: 'demo', chart })())
  assert.equal(t.kube.journal, [
    'create Job/early',
    'create Job/a-mid',
    'create Job/b-mid',
    'create Job/late',
    'delete Job/b-mid',
    'delete Job/late',
    'create ConfigMap/demo-cfg',
    'create Deployment/demo-web',
    'delete Job/a-mid',
    'create Job/a-mid',
  ])
  // the record keeps hooks in template path order
  assert.equal(
    r.release.hooks.map((h) => [h.name, h.weight, h.lastRun !== undefined]),
    [
      ['late', 5, true],
      ['early', -1, true],
      ['b-mid', 0, true],
      ['a-mid', 0, true],
    ],
  )
  assert.ok(!r.release.manifest.includes('Job'))
})
hooks(
  'should fail an install on a failing pre-install hook without creating the manifest objects or a record',
  async () => {
    const t = testTiller()
    t.kube.controllers.failing.add('migrate')
    const chart = demoChart('0.1.0', 'a', { 'migrate.yaml': hookTpl('migrate', 'pre-install', 0, 'hook-failed') })
    const err = assertLeft(await t.installRelease({ name: 'demo', chart })())
    assert.is(message(err), 'pre-install hook demo/templates/migrate.yaml failed: Job failed: BackoffLimitExceeded')
    assert.equal(t.kube.journal, ['create Job/migrate', 'delete Job/migrate'])
    assert.equal(await t.getHistory({ name: 'demo' })(), E.left(releaseNotFound('demo')))
  },
)
hooks('should time out a hook that never completes', async () => {
  const t = testTiller()
  t.kube.controllers.hanging.add('slow')
  const chart = demoChart('0.1.0', 'a', { 'slow.yaml': hookTpl('slow', 'pre-install') })
  const err = assertLeft(await t.installRelease({ name: 'demo', chart, timeout: 5 })())
  assert.is(message(err), 'pre-install hook demo/templates/slow.yaml failed: timed out waiting for the condition')
})
hooks('should skip hooks with --no-hooks and run delete hooks on uninstall', async () => {
  const t = testTiller()
  const chart = demoChart('0.1.0', 'a', {
    'pre.yaml': hookTpl('pre', 'pre-install'),
    'del.yaml': hookTpl('bye', 'pre-delete', 0, 'hook-succeeded'),
  })
  assertRight(await t.installRelease({ name: 'demo', chart, disableHooks: true })())
  assert.equal(t.kube.journal, ['create ConfigMap/demo-cfg', 'create Deployment/demo-web'])
  assertRight(await t.uninstallRelease({ name: 'demo' })())
  assert.equal(t.kube.journal.slice(2), [
    'create Job/bye',
    'delete Job/bye',
    'delete Deployment/demo-web',
    'delete ConfigMap/demo-cfg',
  ])
})
hooks('should install CRDs from crd-install hooks before the objects that use them', async () => {
  const t = testTiller()
  const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
  annotations:
    helm.sh/hook: crd-install
spec:
  group: example.com
  scope: Namespaced
  names: { kind: Widget, plural: widgets, singular: widget }
  versions: [{ name: v1, served: true, storage: true }]
`
  const widget = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\nspec:\n  size: 2\n'
  assertRight(
    await t.installRelease({
      name: 'demo',
      chart: demoChart('0.1.0', 'a', { 'crd.yaml': crd, 'widget.yaml': widget }),
    })(),
  )
  assert.equal(t.kube.journal, [
    'create CustomResourceDefinition/widgets.example.com',
    'create ConfigMap/demo-cfg',
    'create Deployment/demo-web',
    'create Widget/w1',
  ])
  const noCrd = testTiller()
  const err = assertLeft(
    await noCrd.installRelease({
      name: 'demo',
      chart: demoChart('0.1.0', 'a', { 'crd.yaml': crd, 'widget.yaml': widget }),
      disableCrdHook: true,
    })(),
  )
  assert.is(message(err), 'no matches for kind "Widget" in version "example.com/v1"')
})
hooks.run()

const tests = suite('release tests (RunReleaseTest)')
const testPod = (name: string, event = 'test-success'): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  annotations:
    helm.sh/hook: ${event}
spec:
  restartPolicy: Never
  containers: [{ name: t, image: busybox }]
`
const collect = async <A>(it: AsyncIterable<A>): Promise<A[]> => {
  const out: A[] = []
  for await (const x of it) out.push(x)
  return out
}
tests('should stream RUNNING and PASSED/FAILED, store the suite and clean up', async () => {
  const t = testTiller()
  t.kube.controllers.failing.add('t-bad')
  const chart = demoChart('0.1.0', 'a', {
    't1.yaml': testPod('t-ok'),
    't2.yaml': testPod('t-bad'),
    't3.yaml': testPod('t-expect-fail', 'test-failure'),
  })
  t.kube.controllers.failing.add('t-expect-fail')
  assertRight(await t.installRelease({ name: 'demo', chart })())
  const msgs = await collect(t.runReleaseTest({ name: 'demo', cleanup: true, logs: true }))
  assert.equal(
    msgs.map((m) => E.map((x: { msg: string; status: string }) => `${x.status} ${x.msg.split('\n')[0]}`)(m)),
    [
      E.right('RUNNING RUNNING: t-bad'),
      E.right('FAILURE FAILED: t-bad, run `kubectl logs t-bad --namespace default` for more info'),
      E.right('RUNNING RUNNING: t-ok'),
      E.right('SUCCESS PASSED: t-ok'),
      E.right('RUNNING RUNNING: t-expect-fail'),
      E.right('SUCCESS PASSED: t-expect-fail'),
      // Helm v2: the logs after every result, each a RUNNING message opening with a newline
      E.right('RUNNING '),
      E.right('RUNNING '),
      E.right('RUNNING '),
    ],
  )
  assert.equal(
    msgs.slice(6).map((m) => E.map((x: { msg: string }) => x.msg.split('\n')[1])(m)),
    [E.right('POD LOGS: t-bad'), E.right('POD LOGS: t-ok'), E.right('POD LOGS: t-expect-fail')],
  )
  const rel = assertRight(await t.getReleaseContent({ name: 'demo' })()).release
  assert.equal(
    rel.info.status.lastTestSuiteRun?.results.map((r) => `${r.name} ${r.status}`),
    ['t-bad FAILURE', 't-ok SUCCESS', 't-expect-fail SUCCESS'],
  )
  // the test pods are gone; the chart's Deployment keeps its own pod
  assert.equal(
    t.kube
      .objects()
      .filter((o) => o.kind === 'Pod')
      .map((o) => o.metadata.name?.replace(/-[0-9a-f]{10}-\w{5}$/, '-*')),
    ['demo-web-*'],
  )
})
tests("should send each test pod's logs as Helm v2 does: after the results, RUNNING, % doubled", async () => {
  const clock = virtualClock()
  const t = createTiller({ clock, kube: memoryKube({ clock, podLogs: (p) => `${p.metadata.name} 100% done\n` }) })
  const chart = demoChart('0.1.0', 'a', { 't1.yaml': testPod('t-ok') })
  assertRight(await t.installRelease({ name: 'demo', chart })())
  assert.equal(await collect(t.runReleaseTest({ name: 'demo', logs: true })), [
    E.right({ msg: 'RUNNING: t-ok', status: 'RUNNING' }),
    E.right({ msg: 'PASSED: t-ok', status: 'SUCCESS' }),
    E.right({ msg: '\nPOD LOGS: t-ok\nt-ok 100%% done\n', status: 'RUNNING' }),
  ])
})
tests('should say No Tests Found, and end with the error for a missing release', async () => {
  const t = testTiller()
  assertRight(await t.installRelease({ name: 'demo', chart: demoChart() })())
  assert.equal(await collect(t.runReleaseTest({ name: 'demo' })), [
    E.right({ msg: 'No Tests Found', status: 'UNKNOWN' }),
  ])
  assert.equal(await collect(t.runReleaseTest({ name: 'nope' })), [E.left(releaseNotFound('nope'))])
})
tests.run()

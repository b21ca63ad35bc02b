import * as E from 'fp-ts/Either'
import type { Deps } from './Deps'
import { type HelmError, message } from '../../domain/errors'
import { placed, placedRef } from '../../domain/release/ChangeSet'
import { type Hook, hooksFor } from '../../domain/manifest/Hook'
import type { Discovery } from '../../domain/release/KubeObject'
import { completion } from '../../domain/release/Readiness'
import { type TestRun, timestamp } from '../../domain/release/Release'
import { validateReleaseName } from '../../domain/release/Names'
import type { TestReleaseRequest, TestReleaseResponse } from '../../domain/release/ReleaseService'
import { objectsOf, scopeOf } from './Apply'
import { revisionOf, updateRecord } from './Records'

type Msg = TestReleaseResponse

/** Runs one test hook; returns its messages and result (Helm v2 `pkg/releasetesting`). */
const runTest = async (
  d: Deps,
  h: Hook,
  namespace: string,
  discovery: Discovery,
  req: TestReleaseRequest,
): Promise<{ messages: Msg[]; run: TestRun }> => {
  const startedAt = timestamp(d.clock.now())
  const messages: Msg[] = [{ msg: `RUNNING: ${h.name}`, status: 'RUNNING' }]
  const end = (status: TestRun['status'], msg: string, info = ''): { messages: Msg[]; run: TestRun } => ({
    messages: [...messages, { msg, status }],
    run: { name: h.name, status, info, startedAt, completedAt: timestamp(d.clock.now()) },
  })
  const objs = objectsOf(h.manifest, discovery)
  if (E.isLeft(objs) || objs.right.length === 0)
    return end('FAILURE', `ERROR: ${E.isLeft(objs) ? message(objs.left) : 'empty test manifest'}`)
  const ref = placedRef(objs.right[0]!.object, namespace, scopeOf(discovery))
  await d.kube.delete(ref)()
  const made = await d.kube.create(placed(objs.right[0]!.object, ref))()
  if (E.isLeft(made)) return end('FAILURE', `ERROR: ${message(made.left)}`, message(made.left))
  let phase: string | undefined
  const watched = await d.kube.watch({ ...ref }, { timeoutSeconds: req.timeout ?? 300 }, (ev) => {
    const c = completion(ev.object)
    if (c.done) phase = c.failed ? 'Failed' : 'Succeeded'
    return c.done
  })()
  if (E.isLeft(watched)) return end('FAILURE', `ERROR: ${message(watched.left)}`, message(watched.left))
  const expected = h.events.includes('RELEASE_TEST_FAILURE') ? 'Failed' : 'Succeeded'
  return phase === expected
    ? end('SUCCESS', `PASSED: ${h.name}`)
    : end('FAILURE', `FAILED: ${h.name}, run \`kubectl logs ${h.name} --namespace ${namespace}\` for more info`)
}

/**
 * Helm v2 RunReleaseTest: runs the latest revision's `test-success`/`test-failure` pods (one by one, or
 * `maxParallel` at a time with `parallel`), streaming RUNNING / PASSED / FAILED / ERROR messages,
 * saves the suite as `status.lastTestSuiteRun`, and with `cleanup` deletes the pods. A Left (bad name,
 * ReleaseNotFound, store failure) ends the stream; failed tests are messages, not errors.
 */
export async function* runReleaseTest(req: TestReleaseRequest, d: Deps): AsyncGenerator<E.Either<HelmError, Msg>> {
  const valid = validateReleaseName(req.name)
  if (E.isLeft(valid)) return yield valid
  const rel = await revisionOf(d, req.name, 0)
  if (E.isLeft(rel)) return yield rel
  const discovery = await d.kube.discover()()
  if (E.isLeft(discovery)) return yield discovery
  const tests = [
    ...hooksFor(rel.right.hooks, 'RELEASE_TEST_SUCCESS'),
    ...hooksFor(rel.right.hooks, 'RELEASE_TEST_FAILURE'),
  ]
  if (tests.length === 0) return yield E.right({ msg: 'No Tests Found', status: 'UNKNOWN' })
  const startedAt = timestamp(d.clock.now())
  const results: TestRun[] = []
  const batch = req.parallel ? Math.max(1, req.maxParallel ?? 20) : 1
  for (let i = 0; i < tests.length; i += batch) {
    const done = await Promise.all(
      tests.slice(i, i + batch).map((h) => runTest(d, h, rel.right.namespace, discovery.right, req)),
    )
    for (const r of done) {
      results.push(r.run)
      for (const m of r.messages) yield E.right(m)
    }
  }
  // Helm v2 (releasetesting GetLogs): after every result, before the cleanup, each test pod's logs as one RUNNING
  // message "\nPOD LOGS: NAME\n…" with `%` doubled (v2 clients print messages through Printf); a failure to read
  // them is an ERROR message (FAILURE)
  if (req.logs)
    for (const h of tests) {
      const objs = objectsOf(h.manifest, discovery.right)
      const pod = E.isRight(objs) ? objs.right[0] : undefined
      if (!pod) {
        yield E.right({ msg: 'ERROR: Pod manifest is invalid. Unable to obtain the logs', status: 'FAILURE' })
        continue
      }
      const ref = placedRef(pod.object, rel.right.namespace, scopeOf(discovery.right))
      const logs = await d.kube.logs({ namespace: ref.namespace ?? rel.right.namespace, name: ref.name })()
      yield E.right(
        E.isRight(logs)
          ? { msg: `\nPOD LOGS: ${ref.name}\n${logs.right.replaceAll('%', '%%')}`, status: 'RUNNING' }
          : { msg: `ERROR: ${message(logs.left)}`, status: 'FAILURE' },
      )
    }
  const r = rel.right
  const saved = await updateRecord(d, {
    ...r,
    info: {
      ...r.info,
      status: { ...r.info.status, lastTestSuiteRun: { startedAt, completedAt: timestamp(d.clock.now()), results } },
    },
  })
  if (E.isLeft(saved)) return yield saved
  if (req.cleanup)
    for (const h of tests) {
      const objs = objectsOf(h.manifest, discovery.right)
      if (E.isRight(objs))
        for (const m of objs.right) await d.kube.delete(placedRef(m.object, r.namespace, scopeOf(discovery.right)))()
    }
}

// The one TillerApi contract: the in-process service (createTiller) runs it now; the gRPC client talking
// to a gRPC server over the same core will run it too. `make` gives a fresh Tiller whose cluster is a
// memory KubeClient the test can steer (failing hooks, readiness).
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { MemoryKube } from '../../src/adapters/memory-kube/MemoryKube'
import type { Chart } from '../../src/domain/chart/Chart'
import { message } from '../../src/domain/errors'
import type { TillerApi } from '../../src/ports/TillerApi'
import { assertLeft, assertRight } from '../helpers'
import { buildChart } from '../support/charts'

const enc = new TextEncoder()

/** A chart of Go templates: a ConfigMap, a Deployment, a pre-upgrade hook (failing when named so), a test pod and NOTES. */
export const contractChart = (version: string, hookName = 'migrate'): Chart =>
  buildChart({
    apiVersion: 'v1',
    name: 'site',
    version,
    metadata: { appVersion: '2.0' },
    templates: {
      'cm.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cfg\ndata:\n  greeting: {{ .Values.greeting | quote }}\n  revision: "{{ .Release.Revision }}"\n',
      'deploy.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-web\nspec:\n  replicas: {{ .Values.replicas }}\n  selector:\n    matchLabels: { app: web }\n  template:\n    metadata:\n      labels: { app: web }\n    spec:\n      containers: [{ name: web, image: nginx }]\n',
      'hook.yaml': `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: ${hookName}\n  annotations:\n    helm.sh/hook: pre-upgrade\n    helm.sh/hook-delete-policy: before-hook-creation\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{ name: m, image: busybox }]\n`,
      'test.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-test\n  annotations:\n    helm.sh/hook: test-success\nspec:\n  restartPolicy: Never\n  containers: [{ name: t, image: busybox }]\n',
      'NOTES.txt': 'Visit {{ .Release.Name }}',
    },
    values: { greeting: 'hello', replicas: 1 },
    rawValues: 'greeting: hello\nreplicas: 1\n',
  })

/** What `make` gives: a Tiller, the memory cluster behind it, and how to release it (servers, connections). */
export interface ContractTiller {
  readonly api: TillerApi
  readonly kube: MemoryKube
  /** Called after each test (stop a server, close a client) so the test process can exit. */
  readonly close?: () => Promise<void> | void
}

/** Runs the TillerApi contract against Tillers made by `make` (each call: a fresh Tiller and cluster). */
export const tillerApiContract = (name: string, makeTiller: () => Promise<ContractTiller>): void => {
  const s = suite(`${name} TillerApi contract`)
  const open: ContractTiller[] = []
  const make = async (): Promise<ContractTiller> => {
    const t = await makeTiller()
    open.push(t)
    return t
  }
  s.after.each(async () => {
    for (const t of open.splice(0)) await t.close?.()
  })
  s('should install, upgrade, fail an upgrade, roll back and keep Helm v2 history', async () => {
    const { api, kube } = await make()
    const inst = assertRight(
      await api.installRelease({ name: 'site', chart: contractChart('1.0.0'), values: { raw: 'greeting: hi\n' } })(),
    )
    assert.equal(
      [inst.release.version, inst.release.info.status.code, inst.release.info.status.notes],
      [1, 'DEPLOYED', 'Visit site'],
    )
    assert.ok(inst.release.manifest.includes('greeting: "hi"'))
    assertRight(
      await api.updateRelease({ name: 'site', chart: contractChart('1.1.0'), values: { raw: 'replicas: 2\n' } })(),
    )
    kube.controllers.failing.add('bad-hook')
    const err = assertLeft(await api.updateRelease({ name: 'site', chart: contractChart('1.2.0', 'bad-hook') })())
    assert.is(err._tag, 'UpgradeFailed')
    assert.is(
      message(err),
      'UPGRADE FAILED: pre-upgrade hook site/templates/hook.yaml failed: Job failed: BackoffLimitExceeded',
    )
    const back = assertRight(await api.rollbackRelease({ name: 'site', version: 1 })())
    assert.is(back.release.info.description, 'Rollback to 1')
    const h = assertRight(await api.getHistory({ name: 'site', max: 10 })())
    assert.equal(
      h.releases.map((r) => `${r.version} ${r.info.status.code} ${r.chart.metadata.version}`),
      ['4 DEPLOYED 1.0.0', '3 SUPERSEDED 1.2.0', '2 SUPERSEDED 1.1.0', '1 SUPERSEDED 1.0.0'],
    )
  })
  s('should answer status, content, list and version', async () => {
    const { api } = await make()
    assertRight(await api.installRelease({ name: 'site', namespace: 'web', chart: contractChart('1.0.0') })())
    const st = assertRight(await api.getReleaseStatus({ name: 'site' })())
    assert.equal([st.name, st.namespace, st.info.status.code], ['site', 'web', 'DEPLOYED'])
    assert.match(st.info.status.resources ?? '', /==> v1\/ConfigMap\nNAME +DATA +AGE\nsite-cfg +2 /)
    const content = assertRight(await api.getReleaseContent({ name: 'site', version: 1 })())
    assert.equal(content.release.chart.templates.length, 5)
    assert.equal(
      content.release.chart.templates[0]!.data,
      enc.encode(new TextDecoder().decode(contractChart('1.0.0').templates[0]!.data)),
    )
    const list = assertRight(await api.listReleases({ sortBy: 'NAME' })())
    assert.equal([list.count, list.total, list.releases.map((r) => r.name)], [1, 1, ['site']])
    assert.is(assertRight(await api.getVersion()()).version.semVer, 'v2.17.0')
  })
  s('should stream test results', async () => {
    const { api } = await make()
    assertRight(await api.installRelease({ name: 'site', chart: contractChart('1.0.0') })())
    const msgs: string[] = []
    for await (const m of api.runReleaseTest({ name: 'site', cleanup: true }))
      msgs.push(E.isRight(m) ? `${m.right.status} ${m.right.msg}` : `LEFT ${m.left._tag}`)
    assert.equal(msgs, ['RUNNING RUNNING: site-test', 'SUCCESS PASSED: site-test'])
    const missing: string[] = []
    for await (const m of api.runReleaseTest({ name: 'nope' }))
      missing.push(E.isRight(m) ? m.right.msg : `LEFT ${m.left._tag}`)
    assert.equal(missing, ['LEFT ReleaseNotFound'])
  })
  s('should return Helm errors as the same tags and texts', async () => {
    const { api } = await make()
    const bad = assertLeft(await api.installRelease({ name: 'Bad!', chart: contractChart('1.0.0') })())
    assert.is(bad._tag, 'InvalidReleaseName')
    assertRight(await api.installRelease({ name: 'site', chart: contractChart('1.0.0') })())
    assert.is(
      assertLeft(await api.installRelease({ name: 'site', chart: contractChart('1.0.0') })())._tag,
      'ReleaseNameInUse',
    )
    assert.is(
      message(assertLeft(await api.rollbackRelease({ name: 'site', version: 7 })())),
      'release: "site.v7" not found',
    )
    assert.is(
      message(assertLeft(await api.updateRelease({ name: 'ghost', chart: contractChart('1.0.0') })())),
      '"ghost" has no deployed releases',
    )
    const un = assertRight(await api.uninstallRelease({ name: 'site', purge: true })())
    assert.is(un.release.info.status.code, 'DELETED')
    assert.is(assertLeft(await api.getHistory({ name: 'site' })())._tag, 'ReleaseNotFound')
  })
  s('should plan a dry-run upgrade without changing anything', async () => {
    const { api, kube } = await make()
    assertRight(await api.installRelease({ name: 'site', chart: contractChart('1.0.0') })())
    const writes = kube.journal.length
    const r = assertRight(
      await api.updateRelease({
        name: 'site',
        chart: contractChart('1.1.0'),
        values: { raw: 'greeting: yo\n' },
        dryRun: true,
      })(),
    )
    assert.equal(
      r.plan?.changes.map((c) => `${c.action} ${c.ref.kind}`),
      ['update ConfigMap', 'unchanged Deployment'],
    )
    assert.ok(r.plan?.changes[0]?.diff.includes('+   greeting: yo'))
    assert.is(kube.journal.length, writes)
  })
  s.run()
}

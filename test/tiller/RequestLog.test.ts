import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { streamLogger } from '../../src/adapters/system/System'
import { logRequests } from '../../src/tiller/RequestLog'
import { createTiller } from '../../src/tiller/embed'
import { assertRight } from '../helpers'
import { contractChart } from '../ports/TillerApi.contract'

const requests = suite('logRequests')
requests("should log each call in Helm v2's words with the release and revision, never the values", async () => {
  const lines: string[] = []
  const log = streamLogger(
    (l) => lines.push(l),
    false,
    () => new Date(2020, 10, 12, 9, 5, 7),
  )
  const api = logRequests(createTiller(), log)
  const secret = { raw: 'password: hunter2-s3cr3t\n' }
  assertRight(await api.installRelease({ name: 'web', chart: contractChart('1.0.0'), values: secret })())
  assertRight(await api.updateRelease({ name: 'web', chart: contractChart('1.1.0'), values: secret })())
  assertRight(await api.rollbackRelease({ name: 'web', version: 1 })())
  assertRight(await api.getReleaseStatus({ name: 'web', version: 2 })())
  assertRight(await api.getReleaseContent({ name: 'web' })())
  assertRight(await api.getHistory({ name: 'web' })())
  assertRight(await api.listReleases({ filter: 'w.*' })())
  for await (const m of api.runReleaseTest({ name: 'web' })) assertRight(m)
  assertRight(await api.uninstallRelease({ name: 'web', purge: true })())
  assertRight(await api.getVersion()())
  assert.equal(lines, [
    '[tiller] 2020/11/12 09:05:07 preparing install for web\n',
    '[tiller] 2020/11/12 09:05:07 preparing update for web\n',
    '[tiller] 2020/11/12 09:05:07 preparing rollback of web to v1\n',
    '[tiller] 2020/11/12 09:05:07 getting status for release web (v2)\n',
    '[tiller] 2020/11/12 09:05:07 getting content of release web\n',
    '[tiller] 2020/11/12 09:05:07 getting history for release web\n',
    '[tiller] 2020/11/12 09:05:07 listing releases matching "w.*"\n',
    '[tiller] 2020/11/12 09:05:07 running tests for release web\n',
    '[tiller] 2020/11/12 09:05:07 uninstall: Deleting web (purge)\n',
    '[tiller] 2020/11/12 09:05:07 getting version\n',
  ])
  assert.not.ok(lines.join('').includes('hunter2'))
})
requests("should log an operation's steps in Helm v2 Tiller's words (performing, dry run, hooks, purge)", async () => {
  const lines: string[] = []
  const log = streamLogger(
    (l) => lines.push(l.replace(/^\[tiller\] [0-9/]+ [0-9:]+ /, '').trimEnd()),
    false,
    () => new Date(2020, 10, 12, 9, 5, 7),
  )
  const api = logRequests(createTiller({ log }), log)
  assertRight(await api.installRelease({ name: 'web', chart: contractChart('1.0.0') })())
  assertRight(await api.updateRelease({ name: 'web', chart: contractChart('1.1.0'), dryRun: true })())
  assertRight(await api.updateRelease({ name: 'web', chart: contractChart('1.1.0') })())
  assertRight(await api.rollbackRelease({ name: 'web', version: 1 })())
  assertRight(await api.uninstallRelease({ name: 'web', purge: true })())
  // the chart holds 2 hooks (pre-upgrade, test-success); v2 counts them all for every event
  assert.equal(lines, [
    'preparing install for web',
    'performing install for web',
    'executing 2 crd-install hooks for web',
    'hooks complete for crd-install web',
    'executing 2 pre-install hooks for web',
    'hooks complete for pre-install web',
    'executing 2 post-install hooks for web',
    'hooks complete for post-install web',
    'preparing update for web (dry run)',
    'performing update for web',
    'dry run for web',
    'preparing update for web',
    'performing update for web',
    'executing 2 pre-upgrade hooks for web',
    'hooks complete for pre-upgrade web',
    'executing 2 post-upgrade hooks for web',
    'hooks complete for post-upgrade web',
    'preparing rollback of web to v1',
    'performing rollback of web',
    'executing 2 pre-rollback hooks for web',
    'hooks complete for pre-rollback web',
    'executing 2 post-rollback hooks for web',
    'hooks complete for post-rollback web',
    'uninstall: Deleting web (purge)',
    'executing 2 pre-delete hooks for web',
    'hooks complete for pre-delete web',
    'executing 2 post-delete hooks for web',
    'hooks complete for post-delete web',
    'purge requested for web',
  ])
})
requests.run()

import { Buffer } from 'node:buffer'
import { readdirSync, readFileSync } from 'node:fs'
import { gunzipSync, gzipSync } from 'node:zlib'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  decodeHelm3Json,
  decodeHelm3Release,
  encodeHelm3Release,
  helm3ReleaseJson,
} from '../../../../src/domain/release/helm3/Codec'
import { formatGoTime, parseGoTime } from '../../../../src/domain/release/helm3/GoTime'
import { helm3Status, statusCodeOf } from '../../../../src/domain/release/helm3/Names'
import { type Release, type StatusCode, statusCodes, withLock } from '../../../../src/domain/release/Release'
import { assertLeft, assertRight } from '../../../helpers'
import { buildChart } from '../../../support/charts'
import { stubChart, stubRelease } from '../../../ports/ReleaseStore.contract'

const dir = new URL('../../../fixtures/helm3-records/', import.meta.url).pathname
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
const fixture = (f: string): string => readFileSync(`${dir}${f}`, 'utf8')

const real = suite('Helm 4.1.4 records (scripts/golden/helm3-records.mjs)')
real('should hold the fixtures the generator writes', () => {
  assert.ok(fixtures.length >= 10, fixtures.join(', '))
})
for (const f of fixtures)
  real(`should write ${f} back byte for byte`, () => {
    const json = fixture(f)
    const r = assertRight(decodeHelm3Json(json))
    assert.is(helm3ReleaseJson(r), json)
    // through the storage form too (gzip bytes differ between Go and zlib; the JSON does not)
    const stored = gzipSync(Buffer.from(json)).toString('base64')
    const again = assertRight(decodeHelm3Release(stored))
    assert.is(gunzipSync(Buffer.from(encodeHelm3Release(again), 'base64')).toString('utf8'), json)
  })
real('should read what Helm stored in Helm v2 terms', () => {
  const v2 = assertRight(decodeHelm3Json(fixture('web.v2.json')))
  assert.is(v2.name, 'web')
  assert.is(v2.version, 2)
  assert.is(v2.namespace, 'default')
  assert.is(v2.info.status.code, 'DEPLOYED')
  assert.is(v2.info.description, 'Upgrade complete')
  // --reuse-values: the user's values as YAML, the way `helm get values` prints them
  assert.match(v2.config.raw, /^big: 9007199254740992\n/)
  assert.match(v2.config.raw, /\nhtml: <a&b>\n/)
  assert.match(v2.config.raw, /\ns: "yes"\n/)
  // the test hook's last run is the last test suite
  const suiteRun = v2.info.status.lastTestSuiteRun
  assert.equal(
    suiteRun?.results.map((r) => `${r.name} ${r.status}`),
    ['web-test SUCCESS'],
  )
  const pre = v2.hooks.find((h) => h.name === 'web-pre')!
  assert.equal(pre.events, ['PRE_INSTALL', 'PRE_UPGRADE'])
  assert.equal(pre.deletePolicies, ['BEFORE_HOOK_CREATION'])
  assert.is(pre.weight, -5)
  assert.ok(pre.lastRun !== undefined)
  assert.equal(v2.helm3?.labels, undefined)
  const first = assertRight(decodeHelm3Json(fixture('web.v1.installed.json')))
  assert.match(first.config.raw, /^big: 9007199254740993\n/)
  const gone = assertRight(decodeHelm3Json(fixture('bare.v2.json')))
  assert.is(gone.info.status.code, 'DELETED')
  assert.ok(gone.info.deleted !== undefined)
  assert.is(assertRight(decodeHelm3Json(fixture('broken.v1.json'))).info.status.code, 'FAILED')
  const v1 = assertRight(decodeHelm3Json(fixture('v1dir.v1.json')))
  assert.is(v1.chart.metadata.apiVersion, 'v1')
  assert.equal(
    v1.chart.requirements.map((d) => d.name),
    ['sub'],
  )
  assert.ok(v1.chart.schema !== undefined)
})
real.run()

const own = suite('helm3 codec on Wheelhouse releases')
const roundTrip = (r: Release): Release => assertRight(decodeHelm3Release(encodeHelm3Release(r)))
own('should give back a release whole: chart bytes, subcharts, raw values, hooks and times', () => {
  const r = stubRelease('whole', 3)
  assert.equal(roundTrip(r), r)
})
own(
  'should give back the lock of a pending revision, a v1 chart with requirements, a test suite and delete timeouts',
  () => {
    const chart = buildChart({
      apiVersion: 'v1',
      name: 'old',
      metadata: { engine: 'gotpl', tillerVersion: '>=2.10.0' },
      files: { 'requirements.yaml': 'dependencies:\n- name: sub\n  version: 1.2.3\n  repository: ""\n' },
      requirements: [{ name: 'sub', version: '1.2.3' }],
      rawValues: '# defaults\nreplicas: 1 # one\n',
      values: { replicas: 1 },
      dependencies: [stubChart('sub')],
    })
    const base = stubRelease('old', 2, 'PENDING_UPGRADE')
    const r = withLock(
      {
        ...base,
        chart,
        config: { raw: '# the user\nimage: {tag: "1.2"}\n' },
        hooks: [
          { ...base.hooks[0]!, deleteTimeout: 5 },
          {
            name: 'old-test',
            kind: 'Pod',
            path: 'old/templates/test.yaml',
            manifest: 'kind: Pod\n',
            events: ['RELEASE_TEST_SUCCESS'],
            weight: 0,
            deletePolicies: [],
            deleteTimeout: 0,
          },
        ],
        info: {
          ...base.info,
          status: {
            ...base.info.status,
            lastTestSuiteRun: {
              startedAt: { seconds: 1_700_000_000, nanos: 1 },
              completedAt: { seconds: 1_700_000_005, nanos: 0 },
              results: [
                {
                  name: 'old-test',
                  status: 'FAILURE',
                  info: 'pod failed',
                  startedAt: { seconds: 1_700_000_000, nanos: 1 },
                  completedAt: { seconds: 1_700_000_005, nanos: 0 },
                },
              ],
            },
          },
        },
      },
      { timeout: 300, holder: 'host/127.0.0.1:44134', session: 'abcd1234-0011' },
    )
    assert.equal(roundTrip(r), r)
  },
)
own('should write what Helm reads: its status words, UTC times, its hook names, the values as a map', () => {
  for (const code of statusCodes) {
    const json = JSON.parse(helm3ReleaseJson(stubRelease('s', 1, code)))
    assert.is(json.info.status, helm3Status(code))
    assert.is(statusCodeOf(json.info.status), code)
  }
  const json = JSON.parse(helm3ReleaseJson({ ...stubRelease('s', 1, 'DELETED'), config: { raw: 'a: {b: 1}\n' } }))
  assert.is(json.info.status, 'uninstalled')
  assert.is(json.info.first_deployed, '2020-09-13T12:26:40.000005Z')
  assert.equal(json.config, { a: { b: 1 } })
  assert.equal(json.hooks[0].events, ['pre-install', 'post-upgrade'])
  assert.equal(json.hooks[0].delete_policies, ['hook-succeeded'])
  assert.equal(json.hooks[0].last_run, { started_at: '2020-09-13T12:26:40Z', phase: 'Succeeded' })
  assert.equal(json.chart.values, { replicas: 1, image: { tag: 'latest' }, list: [1, 'two', null, true] })
  assert.is(Buffer.from(json.chart.files[0].data, 'base64').length, 5)
  assert.is(json.version, 1)
  assert.is(json.namespace, 'default')
})
own.run()

const statuses = suite('helm3 statuses')
statuses('should map every Helm v2 status to Helm 3 and back, as helm-2to3 does', () => {
  const expected: Record<StatusCode, string> = {
    UNKNOWN: 'unknown',
    DEPLOYED: 'deployed',
    DELETED: 'uninstalled',
    SUPERSEDED: 'superseded',
    FAILED: 'failed',
    DELETING: 'uninstalling',
    PENDING_INSTALL: 'pending-install',
    PENDING_UPGRADE: 'pending-upgrade',
    PENDING_ROLLBACK: 'pending-rollback',
  }
  for (const [code, s] of Object.entries(expected)) {
    assert.is(helm3Status(code as StatusCode), s)
    assert.is(statusCodeOf(s), code)
  }
  assert.is(statusCodeOf('DEPLOYED'), undefined)
})
statuses.run()

const hostile = suite('helm3 codec on hostile records')
const b64 = (s: string | Buffer): string => gzipSync(Buffer.from(s)).toString('base64')
const reason = (e: ReturnType<typeof decodeHelm3Release>): string => {
  const l = assertLeft(e)
  return l._tag === 'ReleaseCorrupt' ? l.reason : l._tag
}
hostile('should refuse bad base64, a gzip bomb, JSON of the wrong shape and an unknown status', () => {
  assert.is(reason(decodeHelm3Release('not*base64')), 'illegal base64 data')
  assert.is(reason(decodeHelm3Release('YWJj=')), 'illegal base64 data')
  const bomb = Buffer.concat(Array.from({ length: 5 }, () => gzipSync(Buffer.alloc(1024 * 1024, 0x20))))
  assert.match(reason(decodeHelm3Release(bomb.toString('base64'), {}, 2 * 1024 * 1024)), 'more than 2097152 bytes')
  assert.match(reason(decodeHelm3Release(b64('{"name":"x","version":"1"}'))), 'version')
  assert.match(reason(decodeHelm3Release(b64('[]'))), 'record')
  assert.match(reason(decodeHelm3Release(b64('{"name":'))), 'invalid JSON')
  assert.match(
    reason(decodeHelm3Release(b64('{"name":"x","version":1,"info":{"status":"DEPLOYED"},"chart":{"metadata":{}}}'))),
    'unknown status',
  )
  assert.match(reason(decodeHelm3Release(b64('{"name":"x","version":1,"info":{"status":"deployed"}}'))), 'no chart')
  assert.match(
    reason(
      decodeHelm3Release(b64('{"name":"x","version":1,"info":{"status":"deployed","first_deployed":"yesterday"}}')),
    ),
    'first_deployed',
  )
  assert.match(reason(decodeHelm3Release(b64(`${'['.repeat(5000)}${']'.repeat(5000)}`))), 'nesting')
  assert.match(reason(decodeHelm3Release(b64('{"chart":{"templates":[{"name":"a","data":"!!"}]}}'))), 'data')
})
hostile('should keep __proto__ an ordinary key of the values', () => {
  const r = assertRight(
    decodeHelm3Json(
      '{"name":"p","info":{"status":"deployed"},"chart":{"metadata":{"name":"p","version":"1","apiVersion":"v2"},"lock":null,"templates":null,"values":null,"schema":null,"schemamodtime":"0001-01-01T00:00:00Z","files":null},"config":{"__proto__":{"polluted":true}},"version":1}',
    ),
  )
  assert.is(({} as Record<string, unknown>).polluted, undefined)
  assert.match(r.config.raw, '__proto__')
})
hostile.run()

const times = suite('GoTime')
times('should write RFC 3339 as Go does and read it back with its offset', () => {
  assert.is(formatGoTime({ at: { seconds: 0, nanos: 0 }, offsetMinutes: 0 }), '1970-01-01T00:00:00Z')
  assert.is(
    formatGoTime({ at: { seconds: 1, nanos: 120_000_000 }, offsetMinutes: 330 }),
    '1970-01-01T05:30:01.12+05:30',
  )
  assert.is(formatGoTime({ at: { seconds: -62135596800, nanos: 0 }, offsetMinutes: 0 }), '0001-01-01T00:00:00Z')
  assert.equal(parseGoTime('2026-12-07T16:20:44.931533847-03:30'), {
    at: { seconds: 1796673044, nanos: 931533847 },
    offsetMinutes: -210,
  })
  for (const bad of ['2026-02-30T00:00:00Z', '2026-12-07 16:20:44Z', '2026-12-07T16:20:44', '2026-12-07T24:00:00Z'])
    assert.is(parseGoTime(bad), undefined, bad)
})
times.run()

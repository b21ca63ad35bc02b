import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { GetReleaseStatusResponse } from '../../../src/domain/release/ReleaseService'
import { encodeOutput, GoMap, goJson } from '../../../src/cli/output/GoJson'
import { statusOutput } from '../../../src/cli/output/StatusOutput'
import { helm } from '../../helpers'

// Expected texts follow Go 1.14's encoding/json over Helm v2.17's hapi structs (json tags from
// pkg/proto/hapi/**.pb.go, enums as numbers, omitempty) and ghodss/yaml (yaml.v2, keys sorted).

const response: GetReleaseStatusResponse = {
  name: 'web',
  namespace: 'default',
  info: {
    status: {
      code: 'DEPLOYED',
      resources: '==> v1/Service\nNAME  AGE\nweb   1s\n',
      notes: 'open <http://x> & go',
      lastTestSuiteRun: {
        startedAt: { seconds: 1600000100, nanos: 0 },
        completedAt: { seconds: 1600000101, nanos: 7 },
        results: [{ name: 'web-test', status: 'SUCCESS', info: '' }],
      },
    },
    firstDeployed: { seconds: 1600000000, nanos: 250000000 },
    lastDeployed: { seconds: 1600000050, nanos: 0 },
    description: 'Install complete',
    lock: { timeout: 300, holder: 'h', session: 's' },
  },
}

const encoding = suite('helm status -o json|yaml (v2 field names and enum numbers)')
encoding('should marshal GetReleaseStatusResponse as Helm v2 encodeJSON does', () => {
  assert.is(
    statusOutput(response, 'json'),
    '{"name":"web","info":{"status":{"code":1,"resources":"==\\u003e v1/Service\\nNAME  AGE\\nweb   1s\\n",' +
      '"notes":"open \\u003chttp://x\\u003e \\u0026 go","last_test_suite_run":{"started_at":{"seconds":1600000100},' +
      '"completed_at":{"seconds":1600000101,"nanos":7},"results":[{"name":"web-test","status":1}]}},' +
      '"first_deployed":{"seconds":1600000000,"nanos":250000000},"last_deployed":{"seconds":1600000050},' +
      '"Description":"Install complete"},"namespace":"default"}\n',
  )
})
encoding('should marshal it as ghodss/yaml does (keys sorted, a blank line after)', () => {
  assert.is(
    statusOutput(response, 'yaml'),
    `info:
  Description: Install complete
  first_deployed:
    nanos: 250000000
    seconds: 1600000000
  last_deployed:
    seconds: 1600000050
  status:
    code: 1
    last_test_suite_run:
      completed_at:
        nanos: 7
        seconds: 1600000101
      results:
      - name: web-test
        status: 1
      started_at:
        seconds: 1600000100
    notes: open <http://x> & go
    resources: |
      ==> v1/Service
      NAME  AGE
      web   1s
name: web
namespace: default

`,
  )
})
encoding('should leave out empty fields (omitempty) and keep an UNKNOWN code out', () => {
  const bare: GetReleaseStatusResponse = {
    name: 'x',
    namespace: '',
    info: { status: { code: 'UNKNOWN' }, description: '' },
  }
  assert.is(statusOutput(bare, 'json'), '{"name":"x","info":{"status":{}}}\n')
})
encoding('should write Go 1.14 string escapes and sort map keys', () => {
  assert.is(goJson('a\b\f\u0001\u2028"\\\ud800'), '"a\\u0008\\u000c\\u0001\\u2028\\"\\\\\ufffd"')
  assert.is(
    goJson(new GoMap({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })),
    '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
  )
  assert.is(encodeOutput(null, 'json'), 'null\n')
  assert.is(encodeOutput(null, 'yaml'), 'null\n\n')
})
encoding.run()

const commands = suite('-o json|yaml of helm commands against a Tiller')
commands('should print install, status, list, history and get values as Helm v2 does', async () => {
  const { startGrpcServer } = await import('../../../src/adapters/grpc/Server')
  const { createTiller } = await import('../../../src/tiller/embed')
  const server = await startGrpcServer({ api: createTiller(), listen: '127.0.0.1:0', version: 'v2.17.0' })
  try {
    const dir = mkdtempSync(join(tmpdir(), 'out-'))
    mkdirSync(join(dir, 'templates'))
    writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v1\nname: demo\nversion: 0.1.0\nappVersion: "1.0"\n')
    writeFileSync(join(dir, 'values.yaml'), 'greeting: hello\nzeta: 1\n')
    writeFileSync(
      join(dir, 'templates', 'cm.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n',
    )
    writeFileSync(join(dir, 'templates', 'NOTES.txt'), 'hi <you>\n')
    const env = { HELM_HOST: `127.0.0.1:${server.port}`, TZ: 'UTC' }
    const install = await helm(['install', dir, '-n', 'demo', '-o', 'json', '--set', 'b=2,a=1'], { env })
    assert.is(install.code, 0, install.stderr)
    // no NAME: line, only the status response
    const st = JSON.parse(install.stdout) as { name: string; info: Record<string, unknown>; namespace: string }
    assert.is(install.stdout.split('\n').length, 2)
    assert.equal(Object.keys(st), ['name', 'info', 'namespace'])
    assert.equal(Object.keys(st.info), ['status', 'first_deployed', 'last_deployed', 'Description'])
    assert.equal(st.info.status, {
      code: 1,
      resources: (st.info.status as { resources: string }).resources,
      notes: 'hi <you>\n',
    })
    assert.match(install.stdout, /"notes":"hi \\u003cyou\\u003e\\n"/)
    assert.is(typeof (st.info.first_deployed as { seconds: number }).seconds, 'number')
    assert.is(st.info.Description, 'Install complete')
    const yaml = await helm(['status', 'demo', '-o', 'yaml'], { env })
    assert.match(yaml.stdout, /^info:\n {2}Description: Install complete\n {2}first_deployed:\n/)
    assert.match(yaml.stdout, /\n {4}code: 1\n/)
    assert.match(yaml.stdout, /\nname: demo\nnamespace: default\n\n$/)
    const up = await helm(['upgrade', 'demo', dir, '-o', 'yaml'], { env })
    assert.is(up.code, 0, up.stderr)
    assert.not.match(up.stdout, /has been upgraded/)
    assert.match(up.stdout, /\n {2}Description: Upgrade complete\n/)

    const list = await helm(['list', '--output', 'json'], { env })
    const listed = JSON.parse(list.stdout) as { Next: string; Releases: Array<Record<string, unknown>> }
    assert.equal(Object.keys(listed), ['Next', 'Releases'])
    assert.equal(Object.keys(listed.Releases[0] ?? {}), [
      'Name',
      'Revision',
      'Updated',
      'Status',
      'Chart',
      'AppVersion',
      'Namespace',
    ])
    assert.equal(
      { ...listed.Releases[0], Updated: '' },
      {
        Name: 'demo',
        Revision: 2,
        Updated: '',
        Status: 'DEPLOYED',
        Chart: 'demo-0.1.0',
        AppVersion: '1.0',
        Namespace: 'default',
      },
    )
    assert.is((await helm(['list', '-q', '--output', 'json'], { env })).stdout, '["demo"]\n')
    assert.is((await helm(['list', '--output', 'xml'], { env })).stderr, 'Error: Unknown output format "xml"\n')

    const hist = await helm(['history', 'demo', '-o', 'json'], { env })
    const rows = JSON.parse(hist.stdout) as Array<Record<string, unknown>>
    assert.equal(Object.keys(rows[0] ?? {}), ['revision', 'updated', 'status', 'chart', 'appVersion', 'description'])
    assert.equal(
      rows.map((r) => [r.revision, r.status, r.description]),
      [
        [1, 'SUPERSEDED', 'Install complete'],
        [2, 'DEPLOYED', 'Upgrade complete'],
      ],
    )
    assert.is((await helm(['history', 'demo', '-o', 'xml'], { env })).stderr, 'Error: unknown output format "xml"\n')

    // get values: the user values read back and marshalled (sorted keys); Println adds a newline
    assert.is((await helm(['get', 'values', 'demo', '--revision', '1'], { env })).stdout, 'a: 1\nb: 2\n\n')
    assert.is(
      (await helm(['get', 'values', 'demo', '--revision', '1', '--output', 'json'], { env })).stdout,
      '{"a":1,"b":2}\n',
    )
    const table = await helm(['get', 'values', 'demo', '--output', 'table'], { env })
    assert.equal([table.code, table.stdout, table.stderr], [1, '', 'Error: Unknown output format "table"\n'])
    const bad = await helm(['status', 'demo', '-o', 'xml'], { env })
    assert.equal([bad.code, bad.stderr], [1, 'Error: unsupported format xml\n'])
  } finally {
    await server.stop(0)
  }
})
commands.run()

const repos = suite('search and repo list -o json|yaml')
repos('should print chartElement and repositoryElement structs with v2 field names', async () => {
  const { pack, staticServer, tempDir, writeChart } = await import('../../adapters/http-repo/fixtures')
  const dir = await tempDir()
  const charts = join(dir, 'charts')
  await pack(await writeChart(dir, 'web', '1.0.0', { description: 'Web <frontend>' }), charts)
  const srv = await staticServer(dir)
  try {
    const home = join(dir, 'home')
    assert.is((await helm(['repo', 'index', charts, '--url', `${srv.url}/charts`])).code, 0)
    assert.is((await helm(['repo', 'add', 'r', `${srv.url}/charts`, '--home', home])).code, 0)
    const json = await helm(['search', 'web', '-o', 'json', '--home', home])
    assert.is(
      json.stdout,
      '[{"Name":"r/web","Version":"1.0.0","AppVersion":"1.0","Description":"Web \\u003cfrontend\\u003e"}]\n',
    )
    const yaml = await helm(['search', 'web', '-o', 'yaml', '--home', home])
    assert.is(yaml.stdout, '- AppVersion: "1.0"\n  Description: Web <frontend>\n  Name: r/web\n  Version: 1.0.0\n\n')
    assert.is((await helm(['search', 'nothing-like-it', '-o', 'json', '--home', home])).stdout, 'null\n')
    const list = await helm(['repo', 'list', '-o', 'json', '--home', home])
    assert.is(list.stdout, `[{"Name":"r","URL":"${srv.url}/charts"}]\n`)
    assert.is(
      (await helm(['repo', 'list', '-o', 'yaml', '--home', home])).stdout,
      `- Name: r\n  URL: ${srv.url}/charts\n\n`,
    )
    assert.is((await helm(['search', 'web', '-o', 'xml', '--home', home])).stderr, 'Error: unsupported format xml\n')
  } finally {
    await srv.close()
  }
})
repos.run()

const index = suite('helm repo index --url')
index('should join each chart file name into the URL path, the query kept last (v2 IndexDirectory)', async () => {
  const { pack, tempDir, writeChart } = await import('../../adapters/http-repo/fixtures')
  const { readFile } = await import('node:fs/promises')
  const dir = await tempDir()
  await pack(await writeChart(dir, 'web', '1.0.0'), join(dir, 'charts'))
  await pack(await writeChart(join(dir, 'more'), 'db', '2.0.0'), join(dir, 'charts', 'sub'))
  const r = await helm(['repo', 'index', join(dir, 'charts'), '--url', 'https://h.example/charts/?token=a b'])
  assert.is(r.code, 0, r.stderr)
  const text = await readFile(join(dir, 'charts', 'index.yaml'), 'utf8')
  assert.match(text, /\n {4}- https:\/\/h\.example\/charts\/web-1\.0\.0\.tgz\?token=a b\n/)
  assert.match(text, /\n {4}- https:\/\/h\.example\/charts\/sub\/db-2\.0\.0\.tgz\?token=a b\n/)
})
index.run()

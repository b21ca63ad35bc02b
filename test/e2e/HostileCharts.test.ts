// Hostile charts against a real bin/tiller on the sandbox: each install fails with one line naming the limit
// and the file, the server keeps answering while the render runs, and serves the next request at once.
import { join } from 'node:path'
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { grpcTillerClient } from '../../src/adapters/grpc/Client'
import type { Chart } from '../../src/domain/chart/Chart'
import { message } from '../../src/domain/errors'
import { scratch, startKubeSandbox, startTiller } from '../support/processes'

// a quarter of an hour of work within the step and byte budgets (a million hashes of 1 MB: ~3M steps, 64 MB built),
// however fast the machine: only the wall time stops it
const SPIN = '{{ $s := repeat 1000000 "a" }}{{ range 1000000 }}{{ $_ := sha256sum $s }}{{ end }}'

const enc = new TextEncoder()
const chart = (name: string, template: string): Chart => ({
  metadata: { apiVersion: 'v1', name, version: '0.1.0' },
  requirements: [],
  templates: [{ path: 'templates/cm.yaml', data: enc.encode(template) }],
  values: {},
  rawValues: '',
  files: [],
  dependencies: [],
})
const small = chart(
  'small',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  a: "1"\n',
)

const hostile: ReadonlyArray<readonly [string, Chart, string, RegExp]> = [
  [
    'until 100000000',
    chart('until', '{{ range until 100000000 }}x{{ end }}'),
    '',
    /^template: until\/templates\/cm\.yaml:1:9: executing "until\/templates\/cm\.yaml" at <until 100000000>: error calling until: the templates would build more than 256 MiB of text and values$/,
  ],
  [
    'a self-recursive tpl',
    chart('selftpl', '{{ tpl "{{ tpl .T . }}" (dict "T" "{{ tpl .T . }}") }}'),
    '',
    /error calling tpl: tpl calls nested more than 250 levels deep: unable to execute template$/,
  ],
  [
    'a self-include',
    chart('selfinc', '{{ define "a" }}{{ include "a" . }}{{ end }}{{ include "a" . }}'),
    '',
    /error calling include: rendering template has a nested reference name: a: unable to execute template$/,
  ],
  [
    'a 200 MB string',
    chart(
      'big',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  x: {{ repeat 200000000 "x" | quote }}\n',
    ),
    '',
    /^rendering big\/templates\/cm\.yaml stopped: (the templates would build more than 256 MiB of text and values|the render needed more than 64 MiB of memory|the render took longer than 2s)$/,
  ],
  [
    'a loop past the wall time',
    chart('spin', SPIN),
    '',
    /^rendering spin\/templates\/cm\.yaml stopped: the render took longer than 2s$/,
  ],
  [
    'a map past the heap',
    chart('hog', '{{ $x := until 2000000 }}{{ $y := until 2000000 }}'),
    '',
    /^rendering hog\/templates\/cm\.yaml stopped: (the render needed more than 64 MiB of memory|the render took longer than 2s)$/,
  ],
  [
    'values nested 100,000 deep',
    small,
    `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
    /^error converting YAML to JSON: yaml: line 1: exceeded max depth of 500$/,
  ],
]

const e2e = suite('e2e: hostile charts against bin/tiller')
e2e('should refuse each hostile chart with one line and serve the next request within a second', async () => {
  const dir = scratch('hostile')
  const kc = join(dir, 'kubeconfig')
  const sandbox = await startKubeSandbox(kc)
  const tiller = await startTiller(kc, dir, ['--storage', 'memory', '--render-timeout', '2', '--render-memory', '64'])
  const api = grpcTillerClient({ address: tiller.address, clientVersion: 'v2.17.0', connectTimeout: 10 })
  try {
    const dryRun = async (): Promise<number> => {
      const t0 = Date.now()
      const r = await api.installRelease({ chart: small, dryRun: true, namespace: 'default' })()
      assert.ok(E.isRight(r), E.isLeft(r) ? message(r.left) : '')
      return Date.now() - t0
    }
    await dryRun() // the first request warms the client's connection
    // within a second, or (on a machine loaded past that) within twice what a request takes here anyway
    const normal = [await dryRun(), await dryRun(), await dryRun()].sort((a, b) => a - b)[1]!
    const prompt = Math.max(1000, 2 * normal)
    for (const [what, c, values, expected] of hostile) {
      // while the render runs, Tiller's own loop stays free
      let answered = 0
      const probe = (async () => {
        await new Promise((r) => setTimeout(r, 300))
        const t0 = Date.now()
        assert.ok(E.isRight(await api.getVersion()()))
        answered = Date.now() - t0
      })()
      const r = await api.installRelease({ chart: c, values: { raw: values }, namespace: 'default' })()
      assert.ok(E.isLeft(r), `${what}: installed`)
      if (E.isLeft(r)) {
        const text = message(r.left)
        assert.match(text, expected, `${what}: ${text.slice(0, 300)}`)
        assert.not.match(text, /\n/)
      }
      const next = await dryRun()
      await probe
      assert.ok(next < prompt, `${what}: the next request took ${next} ms (${normal} ms before)`)
      assert.ok(answered < prompt, `${what}: GetVersion took ${answered} ms during the render`)
    }
    const installed = await api.installRelease({ chart: small, name: 'after', namespace: 'default' })()
    assert.ok(E.isRight(installed), E.isLeft(installed) ? message(installed.left) : '')
    assert.not.match(tiller.output(), /FATAL|heap out of memory|Last few GCs/)
  } finally {
    api.close()
    await tiller.stop()
    await sandbox.stop()
  }
})
e2e.run()

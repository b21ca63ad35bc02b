// Differential YAML: seeded random documents (scripts/golden/yaml-diff.mjs) read by real Helm 4.1.4 and by us,
// judged equal — through fromYaml/fromYamlArray in a template, and as rendered manifests of `helm template`.
import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Chart } from '../../../src/domain/chart/Chart'
import { message } from '../../../src/domain/errors'
import { renderChart } from '../../../src/domain/render/Render'
import { templateDocs, templateText } from '../../../src/domain/render/TemplateOutput'
import { type LogRecord, slogText } from '../../../src/domain/values/LogRecord'
import { render } from '../template/sprig/golden'

interface Golden {
  readonly seed: number
  readonly cases: ReadonlyArray<{ readonly doc: string; readonly fromYaml: string; readonly fromYamlArray: string }>
  readonly manifests: ReadonlyArray<{
    readonly text: string
    readonly stdout?: string
    readonly log?: string
    readonly error?: string
  }>
}
const golden = JSON.parse(readFileSync('test/fixtures/golden/yaml/differential.json', 'utf8')) as Golden

const q = JSON.stringify
const from = suite(`differential YAML: fromYaml (${golden.cases.length} documents, seed ${golden.seed})`)
from('should read every document as Helm reads it', () => {
  const tpl = '{{ toJson (fromYaml .Values.doc) }}\n~~~\n{{ toJson (fromYamlArray .Values.doc) }}'
  const wrong: string[] = []
  for (const c of golden.cases) {
    const got = render(tpl, { doc: c.doc })
    const want = `${c.fromYaml}\n~~~\n${c.fromYamlArray}`
    if (got !== want) wrong.push(`document ${q(c.doc)}\n  helm: ${q(want)}\n  ours: ${q(got)}`)
  }
  assert.is(wrong.length, 0, `${wrong.length} of ${golden.cases.length} differ:\n${wrong.slice(0, 8).join('\n')}`)
})
from.run()

const enc = (s: string): Uint8Array => new TextEncoder().encode(s)
const chart = (text: string): Chart => ({
  metadata: { apiVersion: 'v2', name: 'c', version: '0.1.0' },
  requirements: [],
  templates: [{ path: 'templates/m.yaml', data: enc('{{ .Files.Get "docs/m.yaml" }}') }],
  values: {},
  rawValues: '',
  // the chart loader drops a file's leading UTF-8 BOM as Helm's does (LocalChartFiles, Archive: tested there)
  files: [{ path: 'docs/m.yaml', data: enc(text.replace(/^\uFEFF/, '')) }],
  dependencies: [],
})
const opts = { releaseName: 'x', namespace: 'default', revision: 1, isInstall: true, isUpgrade: false }

/** What `helm template x c` prints for the chart: stdout, or the error line; and the lines Helm logs. */
const template = (text: string): { readonly stdout?: string; readonly error?: string; readonly log: string } => {
  const logged: LogRecord[] = []
  const env = {
    now: () => new Date(0),
    randomBytes: (n: number) => new Uint8Array(n),
    log: (r: LogRecord) => void logged.push(r),
  }
  const out = E.flatMap(renderChart(chart(text), {}, opts, env), (r) =>
    E.flatMap(
      templateDocs(r, {
        includeCrds: false,
        skipTests: false,
        showOnly: [],
        notes: false,
        log: (l) => void logged.push(l),
      }),
      (docs) => templateText(docs, []),
    ),
  )
  const log = logged.map(slogText).join('\n')
  return E.isRight(out) ? { stdout: out.right, log } : { error: `Error: ${message(out.left)}`, log }
}

const manifests = suite(`differential YAML: rendered manifests (${golden.manifests.length} charts)`)
manifests('should sort, split and refuse every rendered document as helm template does', () => {
  const wrong: string[] = []
  for (const m of golden.manifests) {
    const got = template(m.text)
    // Helm prints what it logged before the error line
    const lines = m.error?.split('\n') ?? []
    const want =
      m.error !== undefined ? { error: lines.pop(), log: lines.join('\n') } : { stdout: m.stdout, log: m.log ?? '' }
    if (q(got) !== q(want)) wrong.push(`manifest ${q(m.text)}\n  helm: ${q(want)}\n  ours: ${q(got)}`)
  }
  assert.is(wrong.length, 0, `${wrong.length} of ${golden.manifests.length} differ:\n${wrong.slice(0, 8).join('\n')}`)
})
manifests.run()

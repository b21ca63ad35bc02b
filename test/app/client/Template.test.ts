// helm template as a use case on memory adapters: the chart and the output folder in memory files.
import * as TE from 'fp-ts/TaskEither'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { memoryChartFiles } from '../../../src/adapters/memory-files/MemoryChartFiles'
import { template, type TemplateRequest } from '../../../src/app/client/Template'
import { message } from '../../../src/domain/errors'
import { assertLeft, assertRight } from '../../helpers'
import { memoryDeps } from './Deps.fixture'

const chart = {
  '/w/demo/Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 0.1.0\n',
  '/w/demo/values.yaml': 'greeting: hello\n',
  '/w/demo/templates/cm.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  g: {{ .Values.greeting }}\n',
}

const request = (over: Partial<TemplateRequest> = {}): TemplateRequest => ({
  ref: 'demo',
  cwd: '/w',
  name: 'rel',
  nameTemplate: undefined,
  namespace: 'default',
  showOnly: [],
  notes: false,
  outputDir: undefined,
  kubeVersion: undefined,
  apiVersions: [],
  isUpgrade: false,
  includeCrds: false,
  skipTests: false,
  noHooks: false,
  subNotes: false,
  strict: false,
  values: { values: ['greeting=hi'] },
  ...over,
})

const tpl = suite('template on memory adapters')

tpl('should render with the values the values port reads', async () => {
  const { deps } = memoryDeps({
    files: memoryChartFiles(chart),
    values: (opts) => TE.right(opts.values?.includes('greeting=hi') ? { greeting: 'hi' } : {}),
  })
  const text = assertRight(await template(request())(deps)())
  assert.is(
    text,
    '---\n# Source: demo/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: rel\ndata:\n  g: hi\n',
  )
})

tpl('should write --output-dir files inside the folder, and refuse a subchart named as a path', async () => {
  const files = memoryChartFiles(chart)
  const { deps } = memoryDeps({ files })
  assert.is(
    assertRight(await template(request({ outputDir: 'out' }))(deps)()),
    'wrote /w/out/demo/templates/cm.yaml\n\n',
  )
  assert.match(files.snapshot()['/w/out/demo/templates/cm.yaml'] ?? '', /^---\n# Source: demo\/templates\/cm.yaml\n/)
  const hostile = memoryChartFiles({ ...chart, '/w/demo/charts/s/Chart.yaml': 'name: ../../../x\nversion: 1.0.0\n' })
  const e = assertLeft(await template(request({ outputDir: 'out' }))(memoryDeps({ files: hostile }).deps)())
  assert.is(message(e), 'validation: chart.metadata.name "../../../x" is invalid')
  assert.equal(
    Object.keys(hostile.snapshot()).filter((p) => !p.startsWith('/w/demo/')),
    [],
  )
})
tpl.run()

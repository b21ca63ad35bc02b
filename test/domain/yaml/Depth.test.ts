// Documents nested thousands deep: refused where they are decoded, with one line naming the file (and line),
// never "Maximum call stack size exceeded"; documents at the bound decode and render.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/Either'
import { parseConfig } from '../../../src/domain/values/Config'
import { loadChartFromFiles } from '../../../src/domain/chart/Load'
import { message } from '../../../src/domain/errors'
import { renderChart } from '../../../src/domain/render/Render'
import { parseIndex } from '../../../src/domain/repo/Index'
import { parseRepoFile } from '../../../src/domain/repo/RepoFile'
import { parseSet, parseSetJson } from '../../../src/domain/values/Strvals'
import { parseValuesFile } from '../../../src/domain/values/ValuesFile'
import { MAX_DEPTH, nestedTooDeep, yamlTooDeep } from '../../../src/domain/yaml/Depth'
import { parseYamlValues } from '../../../src/domain/yaml/Read'
import { assertLeft, assertRight } from '../../helpers'

/** `a:` nested `n` maps deep in block style, the last holding `x: 1`. */
const blockMaps = (n: number, key = 'a'): string =>
  Array.from({ length: n - 1 }, (_, i) => `${'  '.repeat(i)}${key}:\n`).join('') + `${'  '.repeat(n - 1)}x: 1\n`
/** `a:` holding a flow list nested `n - 1` deep (the map is level 1). */
const flowLists = (n: number): string => `a: ${'['.repeat(n - 1)}${']'.repeat(n - 1)}\n`
/** A block sequence nested `n - 1` deep under `a:` (the map is level 1). */
const blockLists = (n: number): string =>
  `a:\n${Array.from({ length: n - 2 }, (_, i) => `${'  '.repeat(i)}-\n`).join('')}${'  '.repeat(n - 2)}- 1\n`

const oneLine = (text: string): string => {
  assert.not.match(text, /\n|call stack/)
  assert.ok(text.length < 300, text.slice(0, 300))
  return text
}

const values = suite('depth: values files')
values('should accept values nested exactly MAX_DEPTH deep and refuse one level more, naming the line', () => {
  assert.is(MAX_DEPTH, 500)
  assertRight(parseYamlValues('values.yaml', blockMaps(MAX_DEPTH)))
  assertRight(parseYamlValues('values.yaml', flowLists(MAX_DEPTH)))
  assert.match(
    oneLine(message(assertLeft(parseYamlValues('values.yaml', blockMaps(MAX_DEPTH + 1))))),
    'values.yaml: yaml: line 501: exceeded max depth of 500',
  )
})
values('should refuse maps 5,000 deep and lists 100,000 deep (block and flow)', () => {
  const started = Date.now()
  for (const doc of [
    blockMaps(1000),
    flowLists(100_000),
    blockLists(1000),
    `a: ${'{a: '.repeat(5000)}1${'}'.repeat(5000)}`,
  ])
    assert.match(
      oneLine(message(assertLeft(parseYamlValues('v.yaml', doc)))),
      /^v\.yaml: yaml: line \d+: exceeded max depth of 500$/,
    )
  assert.ok(Date.now() - started < 20_000)
})
values('should word it as Helm words a values file it cannot read (-f)', () => {
  assert.is(
    oneLine(message(assertLeft(parseValuesFile('deep.yaml', `b: 1\n---\n${flowLists(10_000)}`)))),
    'failed to parse deep.yaml: cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 1: exceeded max depth of 500',
  )
})
values('should refuse --set list indexes and --set-json values nested past the bound', () => {
  assert.match(
    oneLine(message(assertLeft(parseSet(`a${'[0]'.repeat(5000)}=1`)))),
    'failed parsing --set data: list index nested level is greater than maximum supported nested level of 500',
  )
  assertRight(parseSet(`a${'[0]'.repeat(100)}=1`))
  assert.match(
    message(assertLeft(parseSetJson(`a=${'['.repeat(20000)}${']'.repeat(20000)}`))),
    /^failed parsing --set-json data/,
  )
  assert.match(
    message(assertLeft(parseSetJson(`{"a":${'['.repeat(20000)}${']'.repeat(20000)}}`))),
    /^failed parsing --set-json data/,
  )
})
values('should refuse a document of more YAML nodes than MAX_NODES before parsing it', () => {
  const dense = '- 1\n'.repeat(600_000)
  assert.is(
    oneLine(message(assertLeft(parseYamlValues('v.yaml', `a:\n${dense}`)))),
    'v.yaml: yaml: document holds more than 500000 YAML nodes',
  )
  assert.is(
    oneLine(message(assertLeft(parseConfig(`a:\n${dense}`)))),
    'error converting YAML to JSON: yaml: document holds more than 500000 YAML nodes',
  )
})
values("should refuse a release's values (Tiller's Config.raw) nested too deep", () => {
  assert.is(
    oneLine(message(assertLeft(parseConfig(flowLists(10_000))))),
    'error converting YAML to JSON: yaml: line 1: exceeded max depth of 500',
  )
  assertRight(parseConfig(blockMaps(100)))
})
values.run()

const files = suite('depth: chart files, index.yaml, repositories.yaml')
const enc = (s: string): Uint8Array => new TextEncoder().encode(s)
const load = (extra: Record<string, string>) =>
  loadChartFromFiles(
    Object.entries({ 'Chart.yaml': 'apiVersion: v1\nname: c\nversion: 0.1.0\n', ...extra }).map(([path, t]) => ({
      path,
      data: enc(t),
    })),
    'c',
  )
files('should refuse a Chart.yaml, requirements.yaml or values.yaml nested too deep, naming the file', () => {
  const deep = `x: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`
  assert.match(
    oneLine(message(assertLeft(load({ 'Chart.yaml': `apiVersion: v1\nname: c\nversion: 0.1.0\n${deep}` })))),
    /^c\/Chart\.yaml: yaml: line 4: exceeded max depth of 500$/,
  )
  assert.match(
    oneLine(message(assertLeft(load({ 'requirements.yaml': `dependencies:\n- name: x\n  ${deep}` })))),
    /^c\/requirements\.yaml: yaml: line 3: exceeded max depth of 500$/,
  )
  assert.match(
    oneLine(message(assertLeft(load({ 'values.yaml': blockMaps(1000) })))),
    /^c\/values\.yaml: yaml: line 501: exceeded max depth of 500$/,
  )
})
files('should refuse a deeply nested index.yaml (block, flow or JSON) and repositories.yaml', () => {
  const head = 'apiVersion: v1\nentries:\n  x:\n  - name: x\n    version: 1.0.0\n    extra:\n'
  const blocky = head + blockMaps(1000, 'k').replace(/^/gm, '      ')
  for (const text of [blocky, `${head}      ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`])
    assert.match(
      oneLine(message(assertLeft(parseIndex('https://r/index.yaml', text)))),
      /yaml: line \d+: exceeded max depth of 500/,
    )
  assert.match(
    oneLine(
      message(assertLeft(parseIndex('https://r/index.yaml', `{"entries":${'['.repeat(10_000)}${']'.repeat(10_000)}}`))),
    ),
    /json: exceeded max depth of 500/,
  )
  assert.match(
    oneLine(
      message(
        assertLeft(parseRepoFile('repositories.yaml', `repositories: ${'['.repeat(10_000)}${']'.repeat(10_000)}`)),
      ),
    ),
    /yaml: line 1: exceeded max depth of 500/,
  )
})
files.run()

const templates = suite('depth: fromYaml and fromJson in templates')
templates("should answer a too-deep document with the function's Error, as Go's decoders do past their bound", () => {
  const c = {
    metadata: { apiVersion: 'v2', name: 'c', version: '0.1.0' },
    requirements: [],
    templates: [
      {
        path: 'templates/a.yaml',
        data: enc(
          'y: {{ (fromYaml (printf "a: %s%s" (repeat 10000 "[") (repeat 10000 "]"))).Error | quote }}\n' +
            'j: {{ (fromJson (printf "{\\"a\\":%s%s}" (repeat 10000 "[") (repeat 10000 "]"))).Error | quote }}\n',
        ),
      },
    ],
    values: {},
    rawValues: '',
    files: [],
    dependencies: [],
  }
  const out = assertRight(
    renderChart(
      c,
      {},
      { releaseName: 'r', namespace: 'n', revision: 1, isInstall: true, isUpgrade: false },
      {
        now: () => new Date(0),
        randomBytes: (n) => new Uint8Array(n),
      },
    ),
  )
  assert.is(
    out.files.get('c/templates/a.yaml'),
    'y: "error converting YAML to JSON: yaml: line 1: exceeded max depth of 500"\nj: "invalid character \'[\' exceeded max depth"\n',
  )
})
templates.run()

const helpers = suite('depth: helpers')
helpers('should find the first too-deep collection of a stream and of a decoded value', () => {
  assert.is(yamlTooDeep(blockMaps(10)), undefined)
  assert.type(yamlTooDeep(`ok: 1\n---\n${flowLists(600)}`), 'number')
  assert.not.ok(nestedTooDeep(JSON.parse(`${'['.repeat(500)}${']'.repeat(500)}`)))
  assert.ok(nestedTooDeep(JSON.parse(`${'['.repeat(501)}${']'.repeat(501)}`)))
  assert.ok(E.isRight(parseYamlValues('v', blockLists(MAX_DEPTH))))
  assert.ok(E.isLeft(parseYamlValues('v', blockLists(MAX_DEPTH + 1))))
})
helpers.run()

// One semver module against real Helm 4.1.4 (scripts/golden/semver.mjs): dependency constraints, Chart.yaml
// kubeVersion, `helm search --version` ranges and the template functions all go through src/domain/semver.
import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Chart } from '../../../src/domain/chart/Chart'
import { message } from '../../../src/domain/errors'
import { renderChart } from '../../../src/domain/render/Render'
import type { ChartVersion } from '../../../src/domain/repo/Index'
import { applyConstraint, type SearchResult } from '../../../src/domain/repo/Search'
import { parseConstraint, satisfiesText } from '../../../src/domain/semver/Constraint'
import { compareVersionStringsDesc } from '../../../src/domain/semver/Version'
import { render } from '../template/sprig/golden'
import { buildChart } from '../../support/charts'

const golden = <T>(name: string): T => JSON.parse(readFileSync(`test/fixtures/golden/semver/${name}`, 'utf8')) as T

const deps = suite('semver golden: dependency constraints (IsCompatibleRange)')
for (const { constraint, version, compatible } of golden<
  Array<{ constraint: string; version: string; compatible: boolean }>
>('dependencies.json'))
  deps(`should judge ${JSON.stringify(constraint)} against ${version} as Helm does`, () => {
    const c = parseConstraint(constraint)
    assert.is(E.isRight(c) && satisfiesText(c.right, version), compatible)
  })
deps.run()

const kube = suite('semver golden: Chart.yaml kubeVersion')
const chart = (kubeVersion: string): Chart =>
  buildChart({
    name: 'c',
    ...(kubeVersion === '' ? {} : { metadata: { kubeVersion } }),
    templates: { 'cm.yaml': 'kind: ConfigMap\nmetadata:\n  name: c\n' },
  })
const opts = { releaseName: 'x', namespace: 'default', revision: 1, isInstall: true, isUpgrade: false }
const env = { now: () => new Date(0), randomBytes: (n: number) => new Uint8Array(n) }
for (const k of golden<Array<{ constraint: string; kubeVersion: string; ok?: true; error?: string }>>(
  'kubeversion.json',
))
  kube(`should check ${JSON.stringify(k.constraint)} against --kube-version ${k.kubeVersion} as Helm does`, () => {
    const r = renderChart(chart(k.constraint), {}, { ...opts, kubeVersion: k.kubeVersion }, env)
    assert.equal(E.isRight(r) ? { ok: true } : { error: message(r.left) }, k.ok ? { ok: true } : { error: k.error })
  })
const kv = '.Capabilities.KubeVersion'
const shown = `{{ printf "%s|%s|%s|%s|%s" ${kv}.Version (print ${kv}) ${kv}.Major ${kv}.Minor ${kv}.GitVersion }}`
for (const k of golden<Array<{ kubeVersion: string; shown?: string; error?: string }>>('kubeparse.json'))
  kube(`should read --kube-version ${JSON.stringify(k.kubeVersion)} as Helm does`, () => {
    const c: Chart = { ...chart(''), templates: [{ path: 'templates/v', data: new TextEncoder().encode(shown) }] }
    const r = renderChart(c, {}, { ...opts, kubeVersion: k.kubeVersion }, env)
    assert.equal(
      E.isRight(r) ? { shown: r.right.files.get('c/templates/v') } : { error: message(r.left) },
      k.error === undefined ? { shown: k.shown } : { error: k.error },
    )
  })
kube.run()

const search = suite('semver golden: search --version ranges')
const index = golden<{ versions: string[]; cases: Array<{ constraint: string; matched?: string[]; error?: string }> }>(
  'search.json',
)
const results: SearchResult[] = [...index.versions]
  .sort(compareVersionStringsDesc)
  .map((version) => ({ name: 'r/c', score: 0, chart: { name: 'c', version } as ChartVersion }))
for (const c of index.cases)
  search(`should select the versions ${JSON.stringify(c.constraint)} allows, as Helm does`, () => {
    const r = applyConstraint(results, c.constraint, true)
    // versions of equal precedence (build metadata) come in Go's unstable sort order: compare the sets
    assert.equal(
      E.isRight(r) ? { matched: r.right.map((x) => x.chart.version).sort() } : { error: message(r.left) },
      c.error === undefined ? { matched: [...c.matched!].sort() } : { error: c.error },
    )
  })
search.run()

const funcs = suite('semver golden: semverCompare and semver in templates')
const compare = golden<{
  pairs: Array<{ constraint: string; version: string; result: boolean }>
  errors: Array<{ constraint: string; version: string; error: string }>
  semver: Array<{ version: string; out?: string; error?: string }>
}>('compare.json')
const q = JSON.stringify
funcs('should answer every pair Helm answers', () => {
  for (const p of compare.pairs)
    assert.is(render(`{{ semverCompare ${q(p.constraint)} ${q(p.version)} }}`, {}), String(p.result), q(p))
})
const failure = (tpl: string): string => {
  try {
    return `rendered: ${render(tpl, {})}`
  } catch (e) {
    return e instanceof Error ? e.message : String(e)
  }
}
const tail = (text: string): string => text.slice(text.indexOf('error calling '))
funcs('should fail every pair Helm fails, with its reason', () => {
  for (const p of compare.errors)
    assert.is(tail(failure(`{{ semverCompare ${q(p.constraint)} ${q(p.version)} }}`)), tail(p.error), q(p))
})
funcs('should parse versions with semver as Helm does', () => {
  for (const s of compare.semver) {
    const tpl = `{{ $v := semver ${q(s.version)} }}{{ $v.Major }} {{ $v.Minor }} {{ $v.Patch }} [{{ $v.Prerelease }}] [{{ $v.Metadata }}] {{ $v }}`
    if (s.out !== undefined) assert.is(render(tpl, {}).trim(), s.out, s.version)
    else assert.is(tail(failure(tpl)), tail(s.error!), s.version)
  }
})
funcs.run()

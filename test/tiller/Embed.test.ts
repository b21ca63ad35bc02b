import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { memoryKube } from '../../src/adapters/memory-kube/MemoryKube'
import { virtualClock } from '../../src/adapters/system/VirtualClock'
import { message } from '../../src/domain/errors'
import * as api from '../../src/index'
import { assertLeft, assertRight } from '../helpers'
import { chartOf } from './fixtures'

const tpl = `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-cfg
  labels:
    revision: "{{ .Release.Revision }}"
    upgrade: "{{ .Release.IsUpgrade }}"
data:
  greeting: {{ .Values.greeting | quote }}
`

const embed = suite('createTiller (the embedding API, real rendering)')
embed('should be exported from the package entry point with memory defaults', async () => {
  const tiller = api.createTiller()
  const chart = chartOf({ 'cm.yaml': tpl, 'NOTES.txt': 'Hello from {{ .Release.Name }}' }, { greeting: 'hello' })
  const r = assertRight(await tiller.installRelease({ name: 'demo', chart, values: { raw: 'greeting: hi\n' } })())
  assert.ok(r.release.manifest.includes('greeting: "hi"'))
  assert.ok(r.release.manifest.includes('revision: "1"'))
  assert.is(r.release.info.status.notes, 'Hello from demo')
  const v = assertRight(await tiller.getVersion()())
  assert.is(v.version.semVer, 'v2.17.0')
})
embed('should render upgrades with Release.Revision/IsUpgrade and apply the reuse-values policy', async () => {
  const clock = virtualClock()
  const tiller = api.createTiller({ clock, kube: memoryKube({ clock }) })
  const chart = chartOf({ 'cm.yaml': tpl }, { greeting: 'hello' })
  assertRight(await tiller.installRelease({ name: 'demo', chart, values: { raw: 'greeting: custom\n' } })())
  const kept = assertRight(await tiller.updateRelease({ name: 'demo', chart })()).release
  assert.ok(kept.manifest.includes('greeting: "custom"'), 'no new values: the old user config is reused')
  assert.ok(kept.manifest.includes('revision: "2"') && kept.manifest.includes('upgrade: "true"'))
  const reset = assertRight(await tiller.updateRelease({ name: 'demo', chart, resetValues: true })()).release
  assert.ok(reset.manifest.includes('greeting: "hello"'), '--reset-values drops the old config')
  const newDefaults = chartOf({ 'cm.yaml': tpl }, { greeting: 'new-default' })
  assertRight(await tiller.updateRelease({ name: 'demo', chart, values: { raw: 'greeting: mine\n' } })())
  const reused = assertRight(
    await tiller.updateRelease({ name: 'demo', chart: newDefaults, reuseValues: true, values: { raw: '' } })(),
  ).release
  assert.ok(reused.manifest.includes('greeting: "mine"'), '--reuse-values keeps the old user value')
  assert.is(reused.config.raw, 'greeting: mine\n')
})
embed('should give the renderer error and store nothing for a template that fails', async () => {
  const tiller = api.createTiller()
  const chart = chartOf({ 'bad.yaml': '{{ fail "no way" }}' })
  const err = assertLeft(await tiller.installRelease({ name: 'demo', chart })())
  assert.match(message(err), /no way/)
  assert.equal(await tiller.deps.store.list(() => true)(), E.right([]))
})
embed.run()

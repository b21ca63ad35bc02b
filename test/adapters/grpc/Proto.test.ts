// Helm v2.17's field numbers and scalar types, checked against the generated Go code of Helm v2
// (pkg/proto/hapi/**.pb.go struct tags, e.g. `protobuf:"varint,10,opt,name=disable_crd_hook"`).
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { encodeMessage, messageType } from '../../../src/adapters/grpc/Proto'

const v217: Record<string, Array<[string, number, string]>> = {
  'hapi.services.tiller.InstallReleaseRequest': [
    ['wait', 9, 'bool'],
    ['disable_crd_hook', 10, 'bool'],
    ['description', 11, 'string'],
    ['subNotes', 12, 'bool'],
  ],
  'hapi.services.tiller.UpdateReleaseRequest': [
    ['reuse_values', 10, 'bool'],
    ['force', 11, 'bool'],
    ['description', 12, 'string'],
    ['subNotes', 13, 'bool'],
    ['cleanup_on_fail', 14, 'bool'],
  ],
  'hapi.services.tiller.RollbackReleaseRequest': [
    ['wait', 7, 'bool'],
    ['force', 8, 'bool'],
    ['description', 9, 'string'],
    ['cleanup_on_fail', 10, 'bool'],
  ],
  'hapi.services.tiller.UninstallReleaseRequest': [
    ['timeout', 4, 'int64'],
    ['description', 5, 'string'],
  ],
  'hapi.services.tiller.TestReleaseRequest': [
    ['cleanup', 3, 'bool'],
    ['parallel', 4, 'bool'],
    ['max_parallel', 5, 'uint32'],
    ['logs', 6, 'bool'],
  ],
  'hapi.services.tiller.TestReleaseResponse': [
    ['msg', 1, 'string'],
    ['status', 2, 'hapi.release.TestRun.Status'],
  ],
  'hapi.services.tiller.ListReleasesRequest': [
    ['status_codes', 6, 'hapi.release.Status.Code'],
    ['namespace', 7, 'string'],
  ],
  'hapi.release.Hook': [
    ['weight', 7, 'int32'],
    ['delete_policies', 8, 'DeletePolicy'],
    ['delete_timeout', 9, 'int64'],
  ],
  'hapi.release.Info': [
    ['deleted', 4, 'google.protobuf.Timestamp'],
    ['Description', 5, 'string'],
  ],
  'hapi.release.Release': [['namespace', 8, 'string']],
  'hapi.chart.Metadata': [
    ['deprecated', 14, 'bool'],
    ['tillerVersion', 15, 'string'],
    ['annotations', 16, 'string'],
    ['kubeVersion', 17, 'string'],
  ],
}

const proto = suite('hapi protobuf definitions')
proto('should number the fields Helm v2.17 added as Helm does', () => {
  for (const [msg, fields] of Object.entries(v217)) {
    const t = messageType(msg)
    for (const [name, id, type] of fields) {
      const f = t.fields[name]
      assert.ok(f, `${msg}.${name} exists`)
      assert.is(f!.id, id, `${msg}.${name} number`)
      assert.is(f!.type, type, `${msg}.${name} type`)
    }
  }
})
proto('should keep every Wheelhouse-only field at 100 and up', () => {
  const known = new Set(
    Object.values(v217)
      .flat()
      .map(([n]) => n),
  )
  const extra = messageType('hapi.services.tiller.InstallReleaseRequest').fieldsArray.filter((f) => f.id > 12)
  assert.ok(extra.length > 0)
  for (const f of extra) {
    assert.ok(f.id >= 100, `InstallReleaseRequest.${f.name} = ${f.id}`)
    assert.not.ok(known.has(f.name))
  }
})
proto('should put disable_crd_hook and max_parallel on the wire with Helm tags', () => {
  // field 10 varint → key 0x50; field 5 varint → key 0x28
  assert.equal([...encodeMessage('hapi.services.tiller.InstallReleaseRequest', { disable_crd_hook: true })], [0x50, 1])
  assert.equal([...encodeMessage('hapi.services.tiller.TestReleaseRequest', { max_parallel: 3 })], [0x28, 3])
  // field 9 varint (Hook.delete_timeout) → key 0x48
  assert.equal([...encodeMessage('hapi.release.Hook', { delete_timeout: 30 })], [0x48, 30])
})
proto.run()

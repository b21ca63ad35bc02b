import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { ociArchiveName, parseOciReference, referenceString } from '../../../src/domain/oci/Reference'
import { assertLeft, assertRight } from '../../helpers'

const parse = suite('parseOciReference')

parse('should split registry (with its port), repository, tag and digest as Helm 4 reads them', () => {
  assert.equal(assertRight(parseOciReference('oci://127.0.0.1:5000/charts/app:1.2.3')), {
    registry: '127.0.0.1:5000',
    repository: 'charts/app',
    tag: '1.2.3',
    digest: '',
  })
  const d = `sha256:${'a'.repeat(64)}`
  assert.equal(assertRight(parseOciReference(`oci://r.example.com/app@${d}`)), {
    registry: 'r.example.com',
    repository: 'app',
    tag: '',
    digest: d,
  })
})

parse('should turn a + of a version tag into _ (OCI tags cannot hold +)', () => {
  const r = assertRight(parseOciReference('oci://r.example.com/app:1.2.3+build.4'))
  assert.is(r.tag, '1.2.3_build.4')
  assert.is(referenceString(r), 'r.example.com/app:1.2.3_build.4')
})

parse('should refuse what the distribution grammar refuses, naming the part', () => {
  for (const [raw, part] of [
    ['oci://r.example.com', 'missing registry or repository'],
    ['oci://r.example.com/App', 'invalid repository'],
    ['oci://r.example.com/a/../b', 'invalid repository'],
    ['oci://r.example.com/a:-bad', 'invalid tag'],
    ['oci://bad_host!/a', 'invalid registry'],
    ['oci://r.example.com/a@sha256:abc', 'invalid checksum digest length'],
    ['oci://r.example.com/a@md5:abc', 'unsupported digest algorithm'],
  ] as const) {
    const e = assertLeft(parseOciReference(raw))
    assert.is(e._tag, 'InvalidOciReference', raw)
    assert.ok(
      E.isLeft(parseOciReference(raw)) && 'reason' in e && e.reason.includes(part),
      `${raw}: ${JSON.stringify(e)}`,
    )
  }
})

parse.run()

const name = suite('ociArchiveName')

name('should name a pulled chart NAME-TAG.tgz after the reference', () => {
  assert.is(ociArchiveName('oci://r:5000/charts/app:1.2.3'), 'app-1.2.3.tgz')
  assert.is(ociArchiveName('oci://r/app:1.2.3_build.4'), 'app-1.2.3_build.4.tgz')
})

name.run()

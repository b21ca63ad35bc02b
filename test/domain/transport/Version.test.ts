import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { isCompatible } from '../../../src/domain/transport/Version'

const compatible = suite('Version.isCompatible')
compatible("should follow Helm v2's own table (pkg/version/compatible_test.go)", () => {
  const cases: Array<[string, string, boolean]> = [
    ['v2.0.0-alpha.4', 'v2.0.0-alpha.4', true],
    ['v2.0.0-alpha.3', 'v2.0.0-alpha.4', false],
    ['v2.0.0', 'v2.0.0-alpha.4', false],
    ['v2.0.0-alpha.4', 'v2.0.0', false],
    ['v2.0.0', 'v2.0.1', true],
    ['v2.0.1', 'v2.0.0', true],
    ['v2.0.0', 'v2.1.1', true],
    ['v2.1.0', 'v2.0.1', false],
  ]
  for (const [client, server, want] of cases) assert.is(isCompatible(client, server), want, `${client} vs ${server}`)
})
compatible('should accept every v2 client not newer than a v2.17.0 Tiller and refuse newer minors and majors', () => {
  for (let minor = 0; minor <= 17; minor++)
    for (const patch of [0, 3]) assert.ok(isCompatible(`v2.${minor}.${patch}`, 'v2.17.0'), `v2.${minor}.${patch}`)
  for (const client of ['v2.18.0', 'v2.17.0-rc.1', 'v3.0.0', 'v1.9.0', 'v4.1.4', '', 'two', 'v2.x'])
    assert.not.ok(isCompatible(client, 'v2.17.0'), client)
})
compatible('should read versions loosely as Masterminds v1 does (v optional, minor and patch default to 0)', () => {
  assert.ok(isCompatible('2.16', 'v2.17.0'))
  assert.ok(isCompatible('v2', 'v2.17.0'))
  assert.ok(isCompatible('v2.16.0+g1234567', 'v2.17.0'))
  assert.ok(isCompatible('v2.17.0-rc.1+build.5', 'v2.17.0-rc.1'))
  assert.ok(isCompatible('v2.17.0-rc.01', 'v2.17.0-rc.1'))
  assert.not.ok(isCompatible('v99999999999999999999.0.0', 'v2.17.0'))
})
compatible('should let an unreleased build talk to anything', () => {
  assert.ok(isCompatible('v2.18+unreleased', 'v2.17.0'))
  assert.ok(isCompatible('v3.0.0', 'v2.17+unreleased'))
})
compatible.run()

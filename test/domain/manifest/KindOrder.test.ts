import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import * as _ from '../../../src/domain/manifest/KindOrder'

const order = suite('KindOrder')
order('should hold Helm v2 install order and its uninstall order (Service right after Ingress)', () => {
  assert.is(_.installOrder.length, 33)
  assert.equal(_.installOrder.slice(0, 3), ['Namespace', 'NetworkPolicy', 'ResourceQuota'])
  assert.equal(_.uninstallOrder.slice(0, 4), ['APIService', 'Ingress', 'Service', 'CronJob'])
  assert.equal([..._.uninstallOrder].sort(), [..._.installOrder].sort())
})
order('should sort uninstall by the uninstall order', () => {
  const kinds = ['Namespace', 'Deployment', 'Service', 'Ingress', 'Foo']
  assert.equal(
    _.sortByKind(kinds, (k) => k, _.uninstallOrder),
    ['Ingress', 'Service', 'Deployment', 'Namespace', 'Foo'],
  )
})
order('should put Helm 4 PriorityClass first and webhooks last', () => {
  const kinds = ['ValidatingWebhookConfiguration', 'Deployment', 'PriorityClass', 'ServiceAccount', 'Secret']
  assert.equal(
    _.sortByKind(kinds, (k) => k, _.helm4InstallOrder),
    ['PriorityClass', 'ServiceAccount', 'Secret', 'Deployment', 'ValidatingWebhookConfiguration'],
  )
})
order(
  'should order known kinds by Helm 4 install order, unknown kinds last alphabetically, stable within a kind',
  () => {
    const out = _.sortByKind(
      [
        { kind: 'Zed' },
        { kind: 'Deployment', n: 1 },
        { kind: 'Alpha' },
        { kind: 'Service' },
        { kind: 'Deployment', n: 2 },
        { kind: 'Namespace' },
      ],
      (o) => o.kind,
      _.helm4InstallOrder,
    )
    assert.equal(
      out.map((o) => o.kind + ('n' in o ? o.n : '')),
      ['Namespace', 'Service', 'Deployment1', 'Deployment2', 'Alpha', 'Zed'],
    )
  },
)
order.run()

import { resolve } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { helm } from '../../helpers'

const alpine = resolve('test/fixtures/charts-basic/alpine')
const chartYaml = `apiVersion: v1
appVersion: "1.1"
description: Deploy a basic Alpine Linux pod
engine: gotpl
home: https://helm.sh/helm
kubeVersion: '>=1.10.0-0'
maintainers:
- email: matt@example.com
  name: Matt
name: alpine
sources:
- https://github.com/helm/helm
version: 0.1.0
`
const values = '# The pod name\nname: my-alpine\nport: 8080\nenabled: yes\nmast:\n  color: red\n'

const inspect = suite('helm inspect')
inspect('should print Chart.yaml, values and README separated by --- (Helm v2)', async () => {
  const r = await helm(['inspect', alpine])
  assert.is(r.code, 0, r.stderr)
  assert.is(r.stdout, `${chartYaml}\n---\n${values}\n---\n# Alpine\n\n`)
})
inspect('should print one part with a subcommand', async () => {
  assert.is((await helm(['inspect', 'chart', alpine])).stdout, `${chartYaml}\n`)
  assert.is((await helm(['inspect', 'values', alpine])).stdout, `${values}\n`)
  assert.is((await helm(['inspect', 'readme', alpine])).stdout, '# Alpine\n\n')
})
inspect('should fail for a chart that is not there', async () => {
  const r = await helm(['inspect', 'chart', './no-such-chart'])
  assert.is(r.code, 1)
  assert.match(r.stderr, /^Error: .*no-such-chart.*not found\n$/)
})
inspect.run()

const usage = suite('helm inspect usage')
usage('should refuse extra or missing arguments as Helm v2 does', async () => {
  for (const args of [
    ['inspect', 'chart'],
    ['inspect', 'a', 'b'],
    ['inspect', 'values', 'a', 'b'],
  ]) {
    const r = await helm(args)
    assert.is(r.code, 1, args.join(' '))
    assert.is(r.stderr, 'Error: This command needs 1 argument: chart name\n')
  }
})
usage.run()

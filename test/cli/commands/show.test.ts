import { resolve } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { helm } from '../../helpers'

const fixtures = resolve('test/fixtures/charts-basic')

// Expected texts are what helm 4.1.4 prints for the same fixtures.
const show = suite('helm show')
show('should print a v1 chart as Helm 4 sees it (requirements as dependencies, no engine)', async () => {
  const r = await helm(['show', 'chart', `${fixtures}/alpine`])
  assert.is(r.code, 0, r.stderr)
  assert.match(
    r.stdout,
    /^apiVersion: v1\nappVersion: "1\.1"\ndependencies:\n- condition: mast\.enabled\n {2}import-values:\n {2}- data\n {2}- child: a\.b\n {4}parent: c\n {2}name: mast\n/,
  )
  assert.not.match(r.stdout, /engine/)
})
show('should print all parts with CRDs for show all', async () => {
  const r = await helm(['show', 'all', `${fixtures}/v2app`])
  assert.is(
    r.stdout,
    `annotations:
  category: Demo
apiVersion: v2
appVersion: "2.0"
dependencies:
- alias: sail
  name: mast
  repository: https://example.com/charts
  version: ~0.1.0
name: v2app
type: application
version: 1.2.3

---
replicas: 1

---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: sails.example.com

`,
  )
})
show('should print values, readme and crds alone', async () => {
  assert.is((await helm(['show', 'values', `${fixtures}/v2app`])).stdout, 'replicas: 1\n\n')
  assert.is((await helm(['show', 'readme', `${fixtures}/v2app`])).stdout, '')
  assert.match(
    (await helm(['show', 'crds', `${fixtures}/v2app`])).stdout,
    /^---\napiVersion: apiextensions\.k8s\.io\/v1\n/,
  )
})
show.run()

// dependency update/build as use cases on memory adapters: a chart folder in memory files, an HTTP repository in
// memory, a memory HELM_HOME. No disk, no server.
import { Buffer } from 'node:buffer'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { memoryChartFiles } from '../../../src/adapters/memory-files/MemoryChartFiles'
import { memoryHelmHome } from '../../../src/adapters/memory-home/MemoryHelmHome'
import { memoryChartRepository } from '../../../src/adapters/memory-repo/MemoryChartRepository'
import { dependencyBuild } from '../../../src/app/client/DependencyBuild'
import { dependencyUpdate } from '../../../src/app/client/DependencyUpdate'
import { repoAdd } from '../../../src/app/client/RepoAdd'
import { writeChartArchive } from '../../../src/domain/chart/archive/Archive'
import { message } from '../../../src/domain/errors'
import { sha256Hex } from '../../../src/domain/repo/RepoUrl'
import { assertLeft, assertRight } from '../../helpers'
import { memoryDeps } from './Deps.fixture'

const REPO = 'https://charts.test/stable'

const archive = (name: string, version: string): Uint8Array =>
  writeChartArchive('pkg', [
    { path: 'Chart.yaml', data: Buffer.from(`apiVersion: v1\nname: ${JSON.stringify(name)}\nversion: ${version}\n`) },
    { path: 'templates/cm.yaml', data: Buffer.from('kind: ConfigMap\n') },
  ])

/** A repository serving `lib` 1.0.0, 1.1.0 and 2.0.0 (and whatever `extra` adds), with digests. */
const libRepo = (extra: Record<string, Uint8Array> = {}) => {
  const files: Record<string, Uint8Array> = {
    'lib-1.0.0.tgz': archive('lib', '1.0.0'),
    'lib-1.1.0.tgz': archive('lib', '1.1.0'),
    'lib-2.0.0.tgz': archive('lib', '2.0.0'),
    ...extra,
  }
  const versions = Object.keys(files).map((f) => /^(.*)-(\d[^-]*)\.tgz$/.exec(f) as RegExpExecArray)
  const index = `apiVersion: v1\nentries:\n  lib:\n${versions
    .map(([f, , v]) => `  - name: lib\n    version: ${v}\n    digest: ${sha256Hex(files[f!]!)}\n    urls: [${f}]\n`)
    .join('')}generated: "2024-01-01T00:00:00Z"\n`
  return memoryChartRepository({
    [`${REPO}/index.yaml`]: index,
    ...Object.fromEntries(Object.entries(files).map(([f, b]) => [`${REPO}/${f}`, b])),
  })
}

const parentChart = (requirements: string) =>
  memoryChartFiles({
    '/work/parent/Chart.yaml': 'apiVersion: v1\nname: parent\nversion: 1.0.0\n',
    '/work/parent/requirements.yaml': requirements,
    '/work/parent/templates/cm.yaml': 'kind: ConfigMap\n',
    '/work/parent/charts/lib-0.9.0.tgz': archive('lib', '0.9.0'),
    '/work/parent/charts/other-1.0.0.tgz': archive('other', '1.0.0'),
    '/work/local/Chart.yaml': 'apiVersion: v1\nname: local\nversion: 0.3.0\n',
    '/work/local/templates/cm.yaml': 'kind: ConfigMap\n',
  })

const update = suite('dependencyUpdate on memory adapters')

update(
  'should resolve ranges over a repository and file://, replace outdated archives and write the lock',
  async () => {
    const files = parentChart(
      `dependencies:\n- name: lib\n  version: ~1.0\n  repository: ${REPO}\n- name: local\n  version: ">=0.1.0"\n  repository: file://../local\n`,
    )
    const { deps, out } = memoryDeps({ files, repos: libRepo() })
    const lock = assertRight(await dependencyUpdate('/work/parent')(deps)())
    assert.equal(
      lock?.dependencies.map((d) => [d.name, d.version, d.repository]),
      [
        ['lib', '1.0.0', REPO],
        ['local', '0.3.0', 'file://../local'],
      ],
    )
    assert.equal(out, ['Saving 2 charts', `Downloading lib from repo ${REPO}`, 'Deleting outdated charts'])
    const tree = files.snapshot()
    assert.equal(
      Object.keys(tree).filter((p) => p.startsWith('/work/parent/charts/')),
      [
        '/work/parent/charts/lib-1.0.0.tgz',
        '/work/parent/charts/local-0.3.0.tgz',
        '/work/parent/charts/other-1.0.0.tgz',
      ],
    )
    assert.match(tree['/work/parent/requirements.lock'] ?? '', /^dependencies:\n- name: lib\n {2}repository: https/)
    assert.match(tree['/work/parent/requirements.lock'] ?? '', /\ngenerated: "2024-01-02T03:04:05Z"\n$/)
  },
)

update('should refresh a configured @name repository first, and build keeps the locked version', async () => {
  const files = parentChart('dependencies:\n- name: lib\n  version: ">=1.0.0 <2"\n  repository: "@libs"\n')
  const repos = libRepo()
  const home = memoryHelmHome()
  const { deps, out } = memoryDeps({ files, repos, home })
  assertRight(await repoAdd({ name: 'libs', url: REPO, auth: { username: 'u' }, noUpdate: false })(deps)())
  assertRight(await dependencyUpdate('/work/parent')(deps)())
  assert.equal(out.slice(0, 3), [
    'Hang tight while we grab the latest from your chart repositories...',
    '...Successfully got an update from the "libs" chart repository',
    'Update Complete. ⎈ Happy Helming!⎈ ',
  ])
  assert.ok(files.snapshot()['/work/parent/charts/lib-1.1.0.tgz'] !== undefined)
  // the credentials of the configured repository go with its downloads
  assert.ok(repos.requests().some((r) => r.url === `${REPO}/lib-1.1.0.tgz` && r.auth.username === 'u'))
  // a newer 1.x appears: build keeps the locked version
  repos.serve(`${REPO}/lib-1.5.0.tgz`, archive('lib', '1.5.0'))
  assertRight(await dependencyBuild('/work/parent', { skipRefresh: true })(deps)())
  assert.ok(files.snapshot()['/work/parent/charts/lib-1.1.0.tgz'] !== undefined)
})

update('should refuse a downloaded chart whose name is a path and leave charts/ as it was', async () => {
  const files = parentChart(`dependencies:\n- name: lib\n  version: 1.0.0\n  repository: ${REPO}\n`)
  const repos = libRepo()
  repos.serve(`${REPO}/lib-1.0.0.tgz`, archive('../../X', '1.0.0'))
  const { deps } = memoryDeps({ files, repos })
  const before = files.snapshot()
  const e = assertLeft(await dependencyUpdate('/work/parent')(deps)())
  assert.match(message(e), /validation: chart\.metadata\.name "\.\.\/\.\.\/X" is invalid$/, message(e))
  assert.equal(files.snapshot(), before)
})

update('should refuse a missing repository definition by name, as Helm does', async () => {
  const files = parentChart('dependencies:\n- name: lib\n  version: 1.0.0\n  repository: "@nowhere"\n')
  const { deps } = memoryDeps({ files })
  const e = assertLeft(await dependencyUpdate('/work/parent')(deps)())
  assert.is(message(e), "no repository definition for @nowhere. Please add the missing repos via 'helm repo add'")
})
update.run()

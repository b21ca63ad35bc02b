// fetch / repo add / repo update as use cases on memory adapters: an in-memory repository host, HELM_HOME and files.
import { Buffer } from 'node:buffer'
import * as O from 'fp-ts/Option'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { memoryChartFiles } from '../../../src/adapters/memory-files/MemoryChartFiles'
import { memoryHelmHome } from '../../../src/adapters/memory-home/MemoryHelmHome'
import { memoryChartRepository } from '../../../src/adapters/memory-repo/MemoryChartRepository'
import { memorySignatory } from '../../../src/adapters/memory-signatory/MemorySignatory'
import { fetchChart } from '../../../src/app/client/Fetch'
import { repoAdd } from '../../../src/app/client/RepoAdd'
import { repoUpdate } from '../../../src/app/client/RepoUpdate'
import { writeChartArchive } from '../../../src/domain/chart/archive/Archive'
import { chartArchiveName } from '../../../src/domain/chart/Save'
import { message } from '../../../src/domain/errors'
import { provenanceMessage } from '../../../src/domain/provenance/Provenance'
import { sha256Hex } from '../../../src/domain/repo/RepoUrl'
import { assertLeft, assertRight } from '../../helpers'
import { memoryDeps } from './Deps.fixture'

const REPO = 'https://charts.test/repo'
const demo = writeChartArchive('demo', [
  { path: 'Chart.yaml', data: Buffer.from('apiVersion: v1\nname: demo\nversion: 1.2.3\n') },
  { path: 'values.yaml', data: Buffer.from('a: 1\n') },
  { path: 'templates/cm.yaml', data: Buffer.from('kind: ConfigMap\n') },
])
const index = (url: string, digest = sha256Hex(demo)) =>
  `apiVersion: v1\nentries:\n  demo:\n  - name: demo\n    version: 1.2.3\n    digest: ${digest}\n    urls: [${JSON.stringify(url)}]\n`

/** A memory host serving the index and `demo` at every URL the index may name. */
const host = (chartUrl = 'demo-1.2.3.tgz', digest?: string) =>
  memoryChartRepository({
    [`${REPO}/index.yaml`]: index(chartUrl, digest),
    [`${REPO}/demo-1.2.3.tgz`]: demo,
    [`${REPO}/%2e%2e%2f%2e%2e%2fx.tgz`]: demo,
  })

/** Deps with the repository `r` added to a memory HELM_HOME. */
const withRepo = async (repos = host()) => {
  const files = memoryChartFiles({ '/dest/.keep': '' })
  const home = memoryHelmHome()
  const d = memoryDeps({ files, home, repos })
  assertRight(await repoAdd({ name: 'r', url: REPO, auth: { password: 'pw' }, noUpdate: false })(d.deps)())
  return { ...d, files, home, repos }
}

const fetch = suite('fetchChart on memory adapters')

fetch('should download repo/chart into the destination under its URL file name', async () => {
  const { deps, files, repos } = await withRepo()
  const got = assertRight(await fetchChart({ chart: 'r/demo', destination: '/dest' })(deps)())
  assert.is(got.path, '/dest/demo-1.2.3.tgz')
  assert.ok(Buffer.from(assertRight(await files.read('/dest/demo-1.2.3.tgz')())).equals(Buffer.from(demo)))
  // the repository's credentials travel with its downloads
  assert.ok(repos.requests().every((r) => r.auth.password === 'pw'))
})

fetch('should keep a name with encoded ../ inside the destination (Base after decoding)', async () => {
  const { deps, files } = await withRepo(host('%2e%2e%2f%2e%2e%2fx.tgz'))
  assert.is(
    assertRight(await fetchChart({ chart: 'r/demo', destination: '/dest/a/b' })(deps)()).path,
    '/dest/a/b/x.tgz',
  )
  assert.equal(
    Object.keys(files.snapshot()).filter((p) => p.endsWith('.tgz')),
    ['/dest/a/b/x.tgz'],
  )
})

fetch('should refuse an archive whose digest differs from the index, writing nothing', async () => {
  const { deps, files } = await withRepo(host('demo-1.2.3.tgz', '0'.repeat(64)))
  const before = files.snapshot()
  const e = assertLeft(await fetchChart({ chart: 'r/demo', destination: '/dest' })(deps)())
  assert.is(e._tag, 'DigestMismatch')
  assert.equal(files.snapshot(), before)
})

fetch('should keep the chart and warn on stdout when --prov finds no provenance (Helm VerifyLater)', async () => {
  const { deps, files, out } = await withRepo()
  const got = assertRight(await fetchChart({ chart: 'r/demo', destination: '/dest', prov: true })(deps)())
  assert.is(got.path, '/dest/demo-1.2.3.tgz')
  assert.ok(O.isSome(assertRight(await files.stat('/dest/demo-1.2.3.tgz')())))
  assert.ok(O.isNone(assertRight(await files.stat('/dest/demo-1.2.3.tgz.prov')())))
  assert.equal(
    out.filter((l) => l.startsWith('WARNING')),
    [`WARNING: Verification not found for r/demo: failed to fetch ${REPO}/demo-1.2.3.tgz.prov : 404 Not Found`],
  )
})

fetch('should untar into untarDir/NAME and keep no archive', async () => {
  const { deps, files } = await withRepo()
  const got = assertRight(await fetchChart({ chart: 'r/demo', destination: '/dest', untarDir: '/dest/u' })(deps)())
  assert.is(got.path, '/dest/u/demo')
  assert.equal(
    Object.keys(files.snapshot()).filter((p) => p.startsWith('/dest/u/')),
    ['/dest/u/demo/Chart.yaml', '/dest/u/demo/templates/cm.yaml', '/dest/u/demo/values.yaml'],
  )
})

fetch(
  'should verify against the keyring before writing, and write nothing when the signature is not good',
  async () => {
    const key = { userId: 'Signer <s@example.com>', fingerprint: 'ABC123' }
    const signatory = memorySignatory({ '/keys/sec': [key], '/keys/pub': [key], '/keys/other': [] })
    const prov = assertRight(
      await signatory.sign(
        provenanceMessage(
          { apiVersion: 'v1', name: 'demo', version: '1.2.3' },
          chartArchiveName({ name: 'demo', version: '1.2.3', apiVersion: 'v1' }),
          sha256Hex(demo),
        ),
        'Signer',
        '/keys/sec',
        undefined,
      )(),
    )
    const repos = host()
    repos.serve(`${REPO}/demo-1.2.3.tgz.prov`, prov)
    const { deps, files } = await withRepo(repos)
    const ok = assertRight(
      await fetchChart({ chart: 'r/demo', destination: '/dest', verify: true, keyring: '/keys/pub' })({
        ...deps,
        signatory,
      })(),
    )
    assert.equal(ok.verification?.fingerprint, 'ABC123')
    assert.ok(O.isSome(assertRight(await files.stat('/dest/demo-1.2.3.tgz.prov')())))
    const refused = memoryDeps({ files: memoryChartFiles(), home: deps.home, repos, signatory })
    const e = assertLeft(
      await fetchChart({ chart: 'r/demo', destination: '/other', verify: true, keyring: '/keys/other' })(
        refused.deps,
      )(),
    )
    assert.is(e._tag, 'SignatureInvalid')
    assert.equal((refused.deps.files as ReturnType<typeof memoryChartFiles>).snapshot(), {})
  },
)
fetch.run()

const repos = suite('repo add / update on memory adapters')

repos('should record the repository 0600 with its credentials and cache its index', async () => {
  const { home } = await withRepo()
  const file = home.repositoriesFile()
  assert.is(file?.mode, 0o600)
  assert.match(file?.text ?? '', /name: r\n {2}password: pw\n/)
  assert.match(home.cached()['/helm-home/repository/cache/r-index.yaml'] ?? '', /name: demo/)
})

repos("should refuse a name with '/' before touching HELM_HOME", async () => {
  const home = memoryHelmHome()
  const { deps } = memoryDeps({ home, repos: host() })
  const e = assertLeft(await repoAdd({ name: '../x', url: REPO, auth: {}, noUpdate: false })(deps)())
  assert.is(message(e), "repository name (../x) contains '/', please specify a different name without '/'")
  assert.equal([home.repositoriesFile(), home.folders()], [undefined, []])
})

repos('should keep the cached index when an update serves something that is not an index', async () => {
  const { deps, home, repos } = await withRepo()
  const before = home.cached()
  repos.serve(`${REPO}/index.yaml`, '<html>oops</html>')
  const outcomes = assertRight(await repoUpdate({ names: [] })(deps)())
  assert.equal(
    outcomes.map((o) => o._tag),
    ['Failed'],
  )
  assert.equal(home.cached(), before)
})
repos.run()

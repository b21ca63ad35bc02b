import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { indexUrl, resolveChartUrl } from '../../../src/domain/repo/RepoUrl'

// Expectations from Helm v2.17 pkg/repo/chartrepo.go (DownloadIndexFile, ResolveReferenceURL) and Helm 4.1.4's
const index = suite('indexUrl (Helm v2 DownloadIndexFile)')
index('should join index.yaml into the path and keep a query string after it', () => {
  assert.is(indexUrl('https://x/charts'), 'https://x/charts/index.yaml')
  assert.is(indexUrl('https://x/charts/'), 'https://x/charts/index.yaml')
  assert.is(indexUrl('https://x'), 'https://x/index.yaml')
  assert.is(indexUrl('https://x/charts?token=abc'), 'https://x/charts/index.yaml?token=abc')
  assert.is(indexUrl('http://u:p@127.0.0.1:8879/?tok=1'), 'http://u:p@127.0.0.1:8879/index.yaml?tok=1')
})
index.run()

const chart = suite('resolveChartUrl (ResolveReferenceURL)')
chart('should resolve a relative chart URL under the repository folder with the repository query', () => {
  assert.is(resolveChartUrl('https://x/charts', 'web-1.0.0.tgz'), 'https://x/charts/web-1.0.0.tgz')
  assert.is(resolveChartUrl('https://x/charts/?sig=1', 'web-1.0.0.tgz'), 'https://x/charts/web-1.0.0.tgz?sig=1')
  assert.is(resolveChartUrl('https://x/charts?sig=1', 'sub/web-1.0.0.tgz'), 'https://x/charts/sub/web-1.0.0.tgz?sig=1')
  assert.is(resolveChartUrl('https://x/charts?sig=1', '/abs/web.tgz'), 'https://x/abs/web.tgz?sig=1')
})
chart('should keep an absolute chart URL as written', () => {
  assert.is(resolveChartUrl('https://x/charts?sig=1', 'https://cdn/web.tgz?a=2'), 'https://cdn/web.tgz?a=2')
  assert.is(resolveChartUrl('https://x/charts', 'https://x/other/web.tgz'), 'https://x/other/web.tgz')
})
chart.run()

import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { pathClean, urlJoin } from '../../../src/domain/repo/UrlJoin'

// Expectations from Go: url.Parse, path.Join, url.String (as Helm v2's urlutil.URLJoin uses them)
const join = suite('urlJoin (Helm v2 urlutil.URLJoin)')
join('should join into the path and keep the query and fragment after it', () => {
  assert.is(urlJoin('https://x/charts?token=1', 'web-1.0.0.tgz'), 'https://x/charts/web-1.0.0.tgz?token=1')
  assert.is(urlJoin('https://u:p@x:8080/r#frag', 'w.tgz'), 'https://u:p@x:8080/r/w.tgz#frag')
  assert.is(urlJoin('https://x/charts?', 'a.tgz'), 'https://x/charts/a.tgz?')
  assert.is(urlJoin('https://x/charts?a=1&b=%20', 'sub', 'a.tgz'), 'https://x/charts/sub/a.tgz?a=1&b=%20')
})
join('should clean the path as path.Join does and root it under a host', () => {
  assert.is(urlJoin('https://x/charts/', 'web.tgz'), 'https://x/charts/web.tgz')
  assert.is(urlJoin('https://x', 'web.tgz'), 'https://x/web.tgz')
  assert.is(urlJoin('https://x/a/../b/./', 'c.tgz'), 'https://x/b/c.tgz')
  assert.is(urlJoin('https://x/charts/', ''), 'https://x/charts')
  assert.is(urlJoin('charts', 'a.tgz'), 'charts/a.tgz')
  assert.is(urlJoin('', 'a.tgz'), 'a.tgz')
  assert.is(urlJoin('', ''), '')
})
join('should re-escape the path as Go EscapedPath does', () => {
  assert.is(urlJoin('https://x/my charts', 'a b(1).tgz'), 'https://x/my%20charts/a%20b%281%29.tgz')
  assert.is(urlJoin('https://x/c%2Fd', 'e.tgz'), 'https://x/c/d/e.tgz')
  assert.is(urlJoin('https://x/ü', 'a.tgz'), 'https://x/%C3%BC/a.tgz')
})
join('should fall back to path.Join for a URL Go cannot parse', () => {
  assert.is(urlJoin('https://x/%zz', 'a.tgz'), 'https:/x/%zz/a.tgz')
})
join('should clean paths as Go path.Clean', () => {
  assert.equal(['', '/', 'a/b/../..', '../a/./b', '/../a', 'a//b/'].map(pathClean), [
    '.',
    '/',
    '.',
    '../a/b',
    '/a',
    'a/b',
  ])
})
join.run()

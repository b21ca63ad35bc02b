import { indexUrl } from '../../domain/repo/RepoUrl'
import type { ChartRepository } from '../../ports/ChartRepository'
import { type HttpGetOptions, httpGet } from './HttpGet'

/**
 * Chart repositories over HTTP(S): the index at `<url>/index.yaml`, archives and `.prov` files at their URLs,
 * with basic auth and the repository's TLS files; redirects followed. `opts.progress` hears every 5 s what a
 * download still waits for.
 */
export const httpRepository = (opts: HttpGetOptions = {}): ChartRepository => ({
  name: 'http',
  schemes: ['http', 'https'],
  index: (repoUrl, auth) => httpGet(indexUrl(repoUrl), auth, opts),
  get: (url, auth) => httpGet(url, auth, opts),
})

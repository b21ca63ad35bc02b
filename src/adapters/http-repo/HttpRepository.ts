import { indexUrl } from '../../domain/repo/RepoUrl'
import type { ChartRepository } from '../../ports/ChartRepository'
import { httpGet } from './HttpGet'

/**
 * Chart repositories over HTTP(S): the index at `<url>/index.yaml`, archives and `.prov` files at their URLs,
 * with basic auth and the repository's TLS files; redirects followed.
 */
export const httpRepository = (): ChartRepository => ({
  name: 'http',
  schemes: ['http', 'https'],
  index: (repoUrl, auth) => httpGet(indexUrl(repoUrl), auth),
  get: (url, auth) => httpGet(url, auth),
})

import type { ChartRepository } from '../../ports/ChartRepository'
import { httpGet } from './HttpGet'

/** `<repo URL>/index.yaml`, as Helm builds it. */
export const indexUrl = (repoUrl: string): string => `${repoUrl.replace(/\/+$/, '')}/index.yaml`

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

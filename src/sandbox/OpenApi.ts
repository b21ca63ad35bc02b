// A skeletal `/openapi/v3`: one document per group version listing the PATCH operations of each kind with
// their query parameters. kubectl (≥ 1.27) reads it to learn that the server validates fields itself
// (`fieldValidation`), and otherwise refuses `apply -f` / `create -f` with "failed to download openapi".
// It carries no schemas, so kubectl computes strategic merge patches from its built-in types.
import type { JsonObject as KObj } from './engine/Json'
import type { Registry } from './engine/Registry'
import { groupVersion } from './engine/Resources'

const gvPath = (group: string, version: string): string =>
  group === '' ? `api/${version}` : `apis/${group}/${version}`

/** The `/openapi/v3` root: every served group version and where its document lives. */
export const openApiRoot = (reg: Registry, hash: string): KObj => {
  const paths: KObj = {}
  for (const g of reg.groups())
    for (const v of g.versions)
      paths[gvPath(g.name, v)] = { serverRelativeURL: `/openapi/v3/${gvPath(g.name, v)}?hash=${hash}` }
  return { paths }
}

const param = (name: string): KObj => ({ name, in: 'query', schema: { type: 'string', uniqueItems: true } })

/** The document of one group version (`/openapi/v3/apis/apps/v1`), or undefined when not served. */
export const openApiGroupVersion = (reg: Registry, path: string): KObj | undefined => {
  const rs = reg.all().filter((r) => gvPath(r.group, r.version) === path)
  if (rs.length === 0) return undefined
  const paths: KObj = {}
  for (const r of rs) {
    const prefix = `/${gvPath(r.group, r.version)}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.plural}/{name}`
    paths[prefix] = {
      patch: {
        operationId: `patch${r.kind}`,
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': { group: r.group, version: r.version, kind: r.kind },
        parameters: ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map(param),
        requestBody: {
          content: {
            'application/json-patch+json': { schema: { type: 'object' } },
            'application/merge-patch+json': { schema: { type: 'object' } },
            'application/apply-patch+yaml': { schema: { type: 'object' } },
          },
        },
        responses: { '200': { description: 'OK' } },
      },
    }
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: groupVersion(rs[0]!) },
    paths,
    components: { schemas: {} },
  }
}

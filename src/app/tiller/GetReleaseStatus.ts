import * as E from 'fp-ts/Either'
import type { Program } from './Deps'
import { validateReleaseName } from '../../domain/release/Names'
import type { GetReleaseStatusRequest, GetReleaseStatusResponse } from '../../domain/release/ReleaseService'
import { revisionOf } from './Records'
import { resourceTable } from './ResourceTable'

/**
 * Helm v2 GetReleaseStatus: the info of revision `version` (0: latest) with `status.resources` filled
 * with the live resource table (left empty for DELETED releases). Errors: ReleaseNotFound, KubeError.
 */
export const getReleaseStatus =
  (req: GetReleaseStatusRequest): Program<GetReleaseStatusResponse> =>
  (d) =>
  async () => {
    const valid = validateReleaseName(req.name)
    if (E.isLeft(valid)) return valid
    const rel = await revisionOf(d, req.name, req.version ?? 0)
    if (E.isLeft(rel)) return rel
    const r = rel.right
    const resources = r.info.status.code === 'DELETED' ? E.right('') : await resourceTable(d, r.manifest, r.namespace)
    if (E.isLeft(resources)) return resources
    return E.right({
      name: r.name,
      namespace: r.namespace,
      info: { ...r.info, status: { ...r.info.status, resources: resources.right } },
    })
  }

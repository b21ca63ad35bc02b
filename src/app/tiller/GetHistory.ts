import * as E from 'fp-ts/Either'
import type { Program } from './Deps'
import { validateReleaseName } from '../../domain/release/Names'
import type { GetHistoryRequest, GetHistoryResponse } from '../../domain/release/ReleaseService'
import { settle } from '../../domain/release/History'
import { historyOrFail } from './Records'

/**
 * Helm v2 GetHistory: at most `max` (default 256) revisions, newest first, as readers see them (`settle`).
 * Errors: ReleaseNotFound, invalid names.
 */
export const getHistory =
  (req: GetHistoryRequest): Program<GetHistoryResponse> =>
  (d) =>
  async () => {
    const valid = validateReleaseName(req.name)
    if (E.isLeft(valid)) return valid
    const h = await historyOrFail(d, req.name)
    if (E.isLeft(h)) return h
    return E.right({
      releases: settle(h.right)
        .reverse()
        .slice(0, req.max ?? 256),
    })
  }

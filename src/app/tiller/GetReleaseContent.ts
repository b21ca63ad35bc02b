import * as E from 'fp-ts/Either'
import type { Program } from './Deps'
import { validateReleaseName } from '../../domain/release/Names'
import type { Release } from '../../domain/release/Release'
import type { GetReleaseContentRequest } from '../../domain/release/ReleaseService'
import { revisionOf } from './Records'

/** Helm v2 GetReleaseContent: revision `version`, or the latest when 0. Errors: ReleaseNotFound, invalid names. */
export const getReleaseContent =
  (req: GetReleaseContentRequest): Program<{ readonly release: Release }> =>
  (d) =>
  async () => {
    const valid = validateReleaseName(req.name)
    if (E.isLeft(valid)) return valid
    return E.map((release: Release) => ({ release }))(await revisionOf(d, req.name, req.version ?? 0))
  }

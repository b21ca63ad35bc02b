import * as E from 'fp-ts/Either'
import type { Program } from './Deps'
import type { GetVersionResponse } from '../../domain/release/ReleaseService'
import { tillerVersion } from '../../domain/transport/Version'

/** Helm v2 GetVersion: Tiller's version. */
export const getVersion = (): Program<GetVersionResponse> => () => async () => E.right({ version: tillerVersion })

import type { GetReleaseStatusResponse } from '../../domain/release/ReleaseService'
import { statusText } from '../ReleaseText'
import { encodeOutput } from './GoJson'
import { v2StatusResponse } from './V2Structs'

/**
 * Helm v2's `statusWriter` (status, and install/upgrade after they ran): `PrintStatus` for table, else the
 * GetReleaseStatusResponse through encodeJSON / encodeYAML.
 */
export const statusOutput = (st: GetReleaseStatusResponse, format: 'table' | 'json' | 'yaml'): string =>
  format === 'table' ? statusText(st) : encodeOutput(v2StatusResponse(st), format)

import { compareV1 as compare, parseV1Version as parseLoose } from '../semver/V1'
import { gitCommit, gitTreeState } from './Build'

/**
 * The version Tiller reports (GetVersion) and checks Chart.yaml `tillerVersion` constraints against; the commit
 * and tree state are the build's (empty when run from source or built without git).
 */
export const tillerVersion = { semVer: 'v2.17.0', gitCommit, gitTreeState } as const

const unreleased = (v: string): boolean => v.endsWith('unreleased')

/**
 * Helm v2's `version.IsCompatible` for the `x-helm-api-client` header: true when either side is an
 * "unreleased" build; else, when either is a pre-release, only the client's exact version (build metadata
 * ignored); else the server must match `^CLIENT_MAJOR.CLIENT_MINOR.x` (Masterminds v1 caret: same major, not
 * older than the client's minor), so v2.0.0 … v2.17.x clients reach a v2.17.0 Tiller and v2.18.0 or v3 do not.
 * A missing or unparsable version is incompatible.
 */
export const isCompatible = (client: string, server: string): boolean => {
  if (unreleased(client) || unreleased(server)) return true
  const cv = parseLoose(client)
  const sv = parseLoose(server)
  if (cv === undefined || sv === undefined) return false
  if (cv.pre !== '' || sv.pre !== '') return compare(sv, cv) === 0
  return sv.major === cv.major && compare(sv, { major: cv.major, minor: cv.minor, patch: 0n, pre: '' }) >= 0
}

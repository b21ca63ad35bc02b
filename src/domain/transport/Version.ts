import * as semver from 'semver'

const unreleased = (v: string): boolean => v.endsWith('unreleased')

/**
 * Helm v2's client/server compatibility rule for the `x-helm-api-client` header: true when either side
 * is an "unreleased" build, or the server matches `^MAJOR.MINOR.x` of the client — exactly the client's
 * version when either is a pre-release. A missing or unparsable version is incompatible.
 */
export const isCompatible = (client: string, server: string): boolean => {
  if (unreleased(client) || unreleased(server)) return true
  const cv = semver.parse(client.replace(/^v/, ''))
  const sv = semver.parse(server.replace(/^v/, ''))
  if (cv === null || sv === null) return false
  if (cv.prerelease.length > 0 || sv.prerelease.length > 0) return semver.eq(cv, sv)
  return cv.major === sv.major && cv.minor === sv.minor && semver.gte(sv, `${cv.major}.${cv.minor}.0`)
}

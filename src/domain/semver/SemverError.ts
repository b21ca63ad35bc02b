import { defineMessages } from '../Messages'

/** Errors of reading semantic versions and version constraints (Masterminds/semver wording). */
export type SemverError =
  | { readonly _tag: 'InvalidVersion'; readonly version: string; readonly reason?: string }
  | { readonly _tag: 'InvalidConstraint'; readonly constraint: string; readonly reason: string }

/** `reason`: Masterminds' own text (`invalid semantic version`, `invalid prerelease string`, ...). */
export const invalidVersion = (version: string, reason?: string): SemverError =>
  reason === undefined ? { _tag: 'InvalidVersion', version } : { _tag: 'InvalidVersion', version, reason }
export const invalidConstraint = (constraint: string, reason: string): SemverError => ({
  _tag: 'InvalidConstraint',
  constraint,
  reason,
})

export const semverMessages = defineMessages<SemverError>({
  InvalidVersion: (e) => `${JSON.stringify(e.version)} is not a valid semantic version`,
  InvalidConstraint: (e) => `an invalid version/constraint format: ${e.reason}`,
})

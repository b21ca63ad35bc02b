import { defineMessages } from '../Messages'

/** The release name rule of Helm v2 (`pkg/tiller` ValidName). */
export const validNamePattern = '^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])+$'

/**
 * Kubernetes' rule for object names (a lowercase RFC 1123 subdomain), which release records `NAME.vN` and
 * most of a chart's objects must follow: Helm 3's release name rule (`chartutil.ValidateReleaseName`).
 */
export const objectNamePattern = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'

/** Failures of Tiller's release operations (storage and cluster failures are StoreError / KubeError). */
export type ReleaseError =
  | { readonly _tag: 'MissingReleaseName' }
  /** `pattern`: the rule the name broke (Helm v2's, or Kubernetes' object names). */
  | { readonly _tag: 'InvalidReleaseName'; readonly name: string; readonly pattern: string }
  | { readonly _tag: 'ReleaseNameInUse'; readonly name: string; readonly reuse: boolean }
  | { readonly _tag: 'NoNameAvailable' }
  | { readonly _tag: 'MissingChart' }
  | { readonly _tag: 'NoDeployedReleases'; readonly name: string }
  | { readonly _tag: 'OperationInProgress'; readonly name: string; readonly revision: number; readonly status: string }
  | { readonly _tag: 'InvalidRevision'; readonly revision: number }
  | { readonly _tag: 'ManifestParseError'; readonly path: string; readonly reason: string }
  | { readonly _tag: 'HookFailed'; readonly event: string; readonly path: string; readonly reason: string }
  | { readonly _tag: 'ResourceNotOwned'; readonly kind: string; readonly name: string }
  | { readonly _tag: 'ReleaseFailed'; readonly name: string; readonly reason: string }
  | { readonly _tag: 'UpgradeFailed'; readonly reason: string; readonly rolledBack?: string }
  | { readonly _tag: 'ChartIncompatible'; readonly reason: string }
  | { readonly _tag: 'TestsFailed'; readonly failed: number }
  | { readonly _tag: 'TillerUnreachable' }
  | { readonly _tag: 'AlreadyDeleted'; readonly name: string }
  | { readonly _tag: 'DeletionErrors'; readonly errors: ReadonlyArray<string> }
  | { readonly _tag: 'InvalidStatusTransition'; readonly key: string; readonly from: string; readonly to: string }

export const missingReleaseName: ReleaseError = { _tag: 'MissingReleaseName' }
export const invalidReleaseName = (name: string, pattern: string = validNamePattern): ReleaseError => ({
  _tag: 'InvalidReleaseName',
  name,
  pattern,
})
export const releaseNameInUse = (name: string, reuse: boolean): ReleaseError => ({
  _tag: 'ReleaseNameInUse',
  name,
  reuse,
})
export const noNameAvailable: ReleaseError = { _tag: 'NoNameAvailable' }
export const missingChart: ReleaseError = { _tag: 'MissingChart' }
export const noDeployedReleases = (name: string): ReleaseError => ({ _tag: 'NoDeployedReleases', name })
export const operationInProgress = (name: string, revision: number, status: string): ReleaseError => ({
  _tag: 'OperationInProgress',
  name,
  revision,
  status,
})
export const invalidRevision = (revision: number): ReleaseError => ({ _tag: 'InvalidRevision', revision })
export const manifestParseError = (path: string, reason: string): ReleaseError => ({
  _tag: 'ManifestParseError',
  path,
  reason,
})
export const hookFailed = (event: string, path: string, reason: string): ReleaseError => ({
  _tag: 'HookFailed',
  event,
  path,
  reason,
})
export const resourceNotOwned = (kind: string, name: string): ReleaseError => ({ _tag: 'ResourceNotOwned', kind, name })
export const releaseFailed = (name: string, reason: string): ReleaseError => ({ _tag: 'ReleaseFailed', name, reason })
export const upgradeFailed = (reason: string, rolledBack?: string): ReleaseError =>
  rolledBack === undefined ? { _tag: 'UpgradeFailed', reason } : { _tag: 'UpgradeFailed', reason, rolledBack }
export const chartIncompatible = (reason: string): ReleaseError => ({ _tag: 'ChartIncompatible', reason })
export const testsFailed = (failed: number): ReleaseError => ({ _tag: 'TestsFailed', failed })
export const alreadyDeleted = (name: string): ReleaseError => ({ _tag: 'AlreadyDeleted', name })
export const deletionErrors = (errors: ReadonlyArray<string>): ReleaseError => ({ _tag: 'DeletionErrors', errors })
export const invalidStatusTransition = (key: string, from: string, to: string): ReleaseError => ({
  _tag: 'InvalidStatusTransition',
  key,
  from,
  to,
})
export const tillerUnreachable: ReleaseError = { _tag: 'TillerUnreachable' }

export const releaseMessages = defineMessages<ReleaseError>({
  // Helm v2 pkg/tiller/release_server.go texts
  MissingReleaseName: () => 'no release provided',
  // Helm v2 errInvalidName (and Helm 3's, with its stricter regex)
  InvalidReleaseName: (e) =>
    `invalid release name, must match regex ${e.pattern} and the length must not be longer than 53`,
  ReleaseNameInUse: (e) =>
    e.reuse
      ? `a released named ${e.name} is in use, cannot re-use a name that is still in use`
      : `a release named ${e.name} already exists.\nRun: helm ls --all ${e.name}; to check the status of the release\nOr run: helm del --purge ${e.name}; to delete it`,
  NoNameAvailable: () => 'no available release name found',
  MissingChart: () => 'no chart provided',
  NoDeployedReleases: (e) => `"${e.name}" has no deployed releases`,
  OperationInProgress: () => 'another operation (install/upgrade/rollback) is in progress',
  InvalidRevision: () => 'invalid release revision',
  ManifestParseError: (e) => `YAML parse error on ${e.path}: ${e.reason}`,
  HookFailed: (e) => `${e.event} hook ${e.path} failed: ${e.reason}`,
  ResourceNotOwned: (e) =>
    `kind ${e.kind} with the name "${e.name}" already exists in the cluster and wasn't defined in the previous release. Before upgrading, please either delete the resource from the cluster or remove it from the chart`,
  ReleaseFailed: (e) => `release ${e.name} failed: ${e.reason}`,
  UpgradeFailed: (e) =>
    e.rolledBack === undefined ? `UPGRADE FAILED: ${e.reason}` : `UPGRADE FAILED: ${e.reason}; ${e.rolledBack}`,
  ChartIncompatible: (e) => e.reason,
  TestsFailed: (e) => `${e.failed} test(s) failed`,
  TillerUnreachable: () => 'could not find tiller',
  AlreadyDeleted: (e) => `the release named "${e.name}" is already deleted`,
  DeletionErrors: (e) => `deletion completed with ${e.errors.length} error(s): ${e.errors.join('; ')}`,
  InvalidStatusTransition: (e) => `release ${e.key}: a ${e.from} revision cannot become ${e.to}`,
})

import { defineMessages } from '../Messages'

/** Failures of moving releases between Helm v2's storage and Helm 3/4's (`helm 2to3`). */
export type MigrationError =
  | { readonly _tag: 'NoReleaseVersions'; readonly name: string }
  | { readonly _tag: 'RevisionDiffers'; readonly key: string; readonly storage: string }
  | { readonly _tag: 'AmbiguousRelease'; readonly name: string; readonly namespaces: ReadonlyArray<string> }

export const noReleaseVersions = (name: string): MigrationError => ({ _tag: 'NoReleaseVersions', name })
export const revisionDiffers = (key: string, storage: string): MigrationError => ({
  _tag: 'RevisionDiffers',
  key,
  storage,
})
export const ambiguousRelease = (name: string, namespaces: ReadonlyArray<string>): MigrationError => ({
  _tag: 'AmbiguousRelease',
  name,
  namespaces,
})

export const migrationMessages = defineMessages<MigrationError>({
  // helm-2to3 pkg/v2 GetReleaseVersions
  NoReleaseVersions: (e) => `${e.name} has no deployed releases`,
  RevisionDiffers: (e) =>
    `release version "${e.key}" already exists in ${e.storage} storage and differs from the one being copied (another chart, manifest or values); nothing was written`,
  AmbiguousRelease: (e) =>
    `release "${e.name}" exists in namespaces ${e.namespaces.join(', ')}: choose one with --namespace`,
})

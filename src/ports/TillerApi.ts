import type * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../domain/errors'
import type { Release } from '../domain/release/Release'
import type {
  GetHistoryRequest,
  GetHistoryResponse,
  GetReleaseContentRequest,
  GetReleaseStatusRequest,
  GetReleaseStatusResponse,
  GetVersionResponse,
  InstallReleaseRequest,
  ListReleasesRequest,
  ListReleasesResponse,
  ReleaseResponse,
  RollbackReleaseRequest,
  TestReleaseRequest,
  TestReleaseResponse,
  UninstallReleaseRequest,
  UninstallReleaseResponse,
  UpdateReleaseRequest,
} from '../domain/release/ReleaseService'

/**
 * Tiller's ReleaseService as the client sees it: implemented in-process by `createTiller` and, over the
 * wire, by the gRPC client adapter. Every call fails with the HelmError Tiller reported.
 */
export interface TillerApi {
  readonly installRelease: (req: InstallReleaseRequest) => TE.TaskEither<HelmError, ReleaseResponse>
  readonly updateRelease: (req: UpdateReleaseRequest) => TE.TaskEither<HelmError, ReleaseResponse>
  readonly rollbackRelease: (req: RollbackReleaseRequest) => TE.TaskEither<HelmError, ReleaseResponse>
  readonly uninstallRelease: (req: UninstallReleaseRequest) => TE.TaskEither<HelmError, UninstallReleaseResponse>
  readonly listReleases: (req: ListReleasesRequest) => TE.TaskEither<HelmError, ListReleasesResponse>
  readonly getReleaseStatus: (req: GetReleaseStatusRequest) => TE.TaskEither<HelmError, GetReleaseStatusResponse>
  readonly getReleaseContent: (req: GetReleaseContentRequest) => TE.TaskEither<HelmError, { readonly release: Release }>
  readonly getHistory: (req: GetHistoryRequest) => TE.TaskEither<HelmError, GetHistoryResponse>
  /** A stream of progress messages; a Left ends it. */
  readonly runReleaseTest: (req: TestReleaseRequest) => AsyncIterable<E.Either<HelmError, TestReleaseResponse>>
  readonly getVersion: () => TE.TaskEither<HelmError, GetVersionResponse>
}

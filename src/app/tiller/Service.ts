import type { Deps } from './Deps'
import type { TillerApi } from '../../ports/TillerApi'
import { getHistory } from './GetHistory'
import { getReleaseContent } from './GetReleaseContent'
import { getReleaseStatus } from './GetReleaseStatus'
import { getVersion } from './GetVersion'
import { installRelease } from './InstallRelease'
import { listReleases } from './ListReleases'
import { rollbackRelease } from './RollbackRelease'
import { runReleaseTest } from './RunReleaseTest'
import { uninstallRelease } from './UninstallRelease'
import { updateRelease } from './UpdateRelease'

/** The ReleaseService over one wiring: every call of the TillerApi bound to `deps`. */
export const tillerService = (deps: Deps): TillerApi => ({
  installRelease: (req) => installRelease(req)(deps),
  updateRelease: (req) => updateRelease(req)(deps),
  rollbackRelease: (req) => rollbackRelease(req)(deps),
  uninstallRelease: (req) => uninstallRelease(req)(deps),
  listReleases: (req) => listReleases(req)(deps),
  getReleaseStatus: (req) => getReleaseStatus(req)(deps),
  getReleaseContent: (req) => getReleaseContent(req)(deps),
  getHistory: (req) => getHistory(req)(deps),
  runReleaseTest: (req) => runReleaseTest(req, deps),
  getVersion: () => getVersion()(deps),
})

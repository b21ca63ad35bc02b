import type { Logger } from '../ports/Logger'
import type { TillerApi } from '../ports/TillerApi'

const at = (version: number | undefined): string => (version ? ` (v${version})` : '')

/**
 * Tiller's log of each request, in Helm v2's words where v2 had them (pkg/tiller: "preparing install for NAME",
 * "preparing update for NAME", "preparing rollback of NAME", "uninstall: Deleting NAME", "getting history for
 * release NAME", "running tests for release NAME") and in the same style for the reads v2 left unlogged: the
 * call, the release and the revision asked for. Never the values, the chart or anything else a request carries.
 */
export const logRequests = (api: TillerApi, log: Logger): TillerApi => ({
  installRelease: (req) => {
    log.info(`preparing install for ${req.name ?? ''}${req.dryRun ? ' (dry run)' : ''}`)
    return api.installRelease(req)
  },
  updateRelease: (req) => {
    log.info(`preparing update for ${req.name}${req.dryRun ? ' (dry run)' : ''}`)
    return api.updateRelease(req)
  },
  rollbackRelease: (req) => {
    log.info(
      `preparing rollback of ${req.name}${req.version ? ` to v${req.version}` : ''}${req.dryRun ? ' (dry run)' : ''}`,
    )
    return api.rollbackRelease(req)
  },
  uninstallRelease: (req) => {
    log.info(`uninstall: Deleting ${req.name}${req.purge ? ' (purge)' : ''}`)
    return api.uninstallRelease(req)
  },
  listReleases: (req) => {
    log.info(
      `listing releases${req.filter ? ` matching "${req.filter}"` : ''}${req.namespace ? ` in ${req.namespace}` : ''}`,
    )
    return api.listReleases(req)
  },
  getReleaseStatus: (req) => {
    log.info(`getting status for release ${req.name}${at(req.version)}`)
    return api.getReleaseStatus(req)
  },
  getReleaseContent: (req) => {
    log.info(`getting content of release ${req.name}${at(req.version)}`)
    return api.getReleaseContent(req)
  },
  getHistory: (req) => {
    log.info(`getting history for release ${req.name}`)
    return api.getHistory(req)
  },
  runReleaseTest: (req) => {
    log.info(`running tests for release ${req.name}`)
    return api.runReleaseTest(req)
  },
  getVersion: () => {
    log.info('getting version')
    return api.getVersion()
  },
})

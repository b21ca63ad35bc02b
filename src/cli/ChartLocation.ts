import * as E from 'fp-ts/Either'
import type { HelmError } from '../domain/errors'
import type { HelmCommand } from './HelmCommand'

/** The credentials flags of the commands that reach a chart repository. */
export interface RepoAuthFlags {
  readonly username?: string | undefined
  readonly password?: string | undefined
  readonly caFile?: string | undefined
  readonly certFile?: string | undefined
  readonly keyFile?: string | undefined
}

/** The flags that locate CHART (install, upgrade, inspect, show): a version, a repository, provenance checking. */
export interface ChartRefFlags extends RepoAuthFlags {
  readonly version?: string | undefined
  readonly devel: boolean
  readonly verify: boolean
  readonly keyring?: string | undefined
  readonly repo?: string | undefined
}

/** The repository credentials given on the command line; `undefined` when no credentials flag is set. */
export const repoAuth = (f: RepoAuthFlags): RepoAuthFlags | undefined =>
  f.username || f.password || f.caFile || f.certFile || f.keyFile
    ? { username: f.username, password: f.password, caFile: f.caFile, certFile: f.certFile, keyFile: f.keyFile }
    : undefined

/** `--keyring` resolved against the working folder, else `~/.gnupg/pubring.gpg`. */
export const keyringPath = async (cmd: HelmCommand, keyring: string | undefined): Promise<string> => {
  const { resolve } = await import('node:path')
  const { defaultKeyring } = await import('../adapters/helm-home/Signatory')
  return keyring ? resolve(cmd.context.cwd, keyring) : defaultKeyring(cmd.context.env.HOME ?? '~')
}

/**
 * CHART as a local path: an existing folder or archive as is when neither `--repo` nor `--verify` is given
 * (without touching the repository code), else resolved through $HELM_HOME (`repo/name`, a URL, `--repo`).
 */
export const locateChart = async (
  cmd: HelmCommand,
  ref: string,
  f: ChartRefFlags,
): Promise<E.Either<HelmError, string>> => {
  const path = await import('node:path')
  const fs = await import('node:fs/promises')
  const local = path.resolve(cmd.context.cwd, ref)
  const exists = await fs.stat(local).catch(() => undefined)
  if (exists && !f.repo && !f.verify) return E.right(local)
  const { resolveChartRef } = await import('../adapters/helm-home/ChartDownloader')
  return resolveChartRef(cmd.helmHome(), exists ? local : ref, {
    version: f.version,
    devel: f.devel,
    verify: f.verify,
    keyring: await keyringPath(cmd, f.keyring),
    repoUrl: f.repo,
    auth: repoAuth(f),
  })()
}

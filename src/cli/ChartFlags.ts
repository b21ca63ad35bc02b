import { resolve } from 'node:path'
import type { LocateRequest } from '../app/client/LocateChart'
import type { RepoAuth } from '../ports/ChartRepository'
import type { HelmCommand } from './HelmCommand'

/** The credentials flags of the commands that reach a chart repository. */
export interface RepoAuthFlags {
  readonly username?: string | undefined
  readonly password?: string | undefined
  readonly caFile?: string | undefined
  readonly certFile?: string | undefined
  readonly keyFile?: string | undefined
  /** beyond v2 (Helm 4, for `oci://` registries): `--insecure-skip-tls-verify`, `--plain-http` */
  readonly insecureSkipTlsVerify?: boolean | undefined
  readonly plainHttp?: boolean | undefined
}

/** The flags that locate CHART (install, upgrade, template, inspect, show): a version, a repository, provenance. */
export interface ChartRefFlags extends RepoAuthFlags {
  readonly version?: string | undefined
  readonly devel: boolean
  readonly verify: boolean
  readonly keyring?: string | undefined
  readonly repo?: string | undefined
}

/** The repository credentials given on the command line; `undefined` when no credentials flag is set. */
export const repoAuth = (f: RepoAuthFlags): RepoAuth | undefined =>
  f.username || f.password || f.caFile || f.certFile || f.keyFile || f.insecureSkipTlsVerify || f.plainHttp
    ? {
        username: f.username,
        password: f.password,
        caFile: f.caFile,
        certFile: f.certFile,
        keyFile: f.keyFile,
        ...(f.insecureSkipTlsVerify ? { insecureSkipTlsVerify: true } : {}),
        ...(f.plainHttp ? { plainHttp: true } : {}),
      }
    : undefined

/** `--keyring` resolved against the working folder, else Helm's default `~/.gnupg/pubring.gpg`. */
export const keyringPath = (cmd: HelmCommand, keyring: string | undefined): string =>
  keyring ? resolve(cmd.context.cwd, keyring) : `${cmd.context.env.HOME ?? '~'}/.gnupg/pubring.gpg`

/** CHART and its locating flags as a request of the locateChart use case. */
export const locateRequest = (cmd: HelmCommand, ref: string, f: ChartRefFlags): LocateRequest => {
  const auth = repoAuth(f)
  return {
    ref,
    cwd: cmd.context.cwd,
    version: f.version,
    devel: f.devel,
    verify: f.verify,
    keyring: keyringPath(cmd, f.keyring),
    repoUrl: f.repo,
    ...(auth ? { auth } : {}),
  }
}

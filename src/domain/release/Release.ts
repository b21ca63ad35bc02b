import type { Chart } from '../chart/Chart'
import type { Hook } from '../manifest/Hook'
import type { Helm3Residue } from './Helm3Residue'

/** Helm v2's `hapi.release.Status_Code` names (the numbers are their proto values, see `statusCodeNumber`). */
export type StatusCode =
  | 'UNKNOWN'
  | 'DEPLOYED'
  | 'DELETED'
  | 'SUPERSEDED'
  | 'FAILED'
  | 'DELETING'
  | 'PENDING_INSTALL'
  | 'PENDING_UPGRADE'
  | 'PENDING_ROLLBACK'

/** Every status code in proto order (index = proto number). */
export const statusCodes: ReadonlyArray<StatusCode> = [
  'UNKNOWN',
  'DEPLOYED',
  'DELETED',
  'SUPERSEDED',
  'FAILED',
  'DELETING',
  'PENDING_INSTALL',
  'PENDING_UPGRADE',
  'PENDING_ROLLBACK',
]

/** The proto number of a status code (DEPLOYED = 1 … PENDING_ROLLBACK = 8). */
export const statusCodeNumber = (c: StatusCode): number => statusCodes.indexOf(c)

/** True for PENDING_INSTALL / PENDING_UPGRADE / PENDING_ROLLBACK: the release is locked by a running operation. */
export const isPending = (c: StatusCode): boolean => c.startsWith('PENDING_')

/** True for the statuses an operation holds while it runs: PENDING_* and DELETING. */
export const isTransient = (c: StatusCode): boolean => isPending(c) || c === 'DELETING'

/** A `google.protobuf.Timestamp`. */
export interface Timestamp {
  readonly seconds: number
  readonly nanos: number
}

/** The Timestamp of a JS date (millisecond precision). */
export const timestamp = (d: Date): Timestamp => {
  const ms = d.getTime()
  const seconds = Math.floor(ms / 1000)
  return { seconds, nanos: (ms - seconds * 1000) * 1_000_000 }
}

/** The JS date of a Timestamp. */
export const toDate = (t: Timestamp): Date => new Date(t.seconds * 1000 + Math.floor(t.nanos / 1_000_000))

/** `hapi.release.TestRun`. */
export interface TestRun {
  readonly name: string
  readonly status: 'UNKNOWN' | 'SUCCESS' | 'FAILURE' | 'RUNNING'
  readonly info: string
  readonly startedAt?: Timestamp
  readonly completedAt?: Timestamp
}

/** `hapi.release.TestSuite`: the last `helm test` run of a release. */
export interface TestSuite {
  readonly startedAt?: Timestamp
  readonly completedAt?: Timestamp
  readonly results: ReadonlyArray<TestRun>
}

/** `hapi.release.Status`. */
export interface Status {
  readonly code: StatusCode
  /** The live resource table (kubectl-style text), filled by GetReleaseStatus only. */
  readonly resources?: string
  /** The rendered NOTES.txt. */
  readonly notes?: string
  readonly lastTestSuiteRun?: TestSuite
}

/**
 * Beyond Helm (`hapi.release.Lock`, Info field 100): the lock an operation sets on the revision it works on
 * (PENDING_* or DELETING). A Helm v2 record has none.
 */
export interface Lock {
  /** The operation's timeout in seconds (0 when the client gave none). */
  readonly timeout: number
  /** The Tiller that set it, the same across its restarts (its host and listen address). */
  readonly holder: string
  /** That Tiller's run: a new one at every start. */
  readonly session: string
}

/** `hapi.release.Info`. */
export interface Info {
  readonly status: Status
  readonly firstDeployed?: Timestamp
  readonly lastDeployed?: Timestamp
  readonly deleted?: Timestamp
  readonly description: string
  readonly lock?: Lock
}

/** `hapi.chart.Config`: the user-supplied values as raw YAML. */
export interface Config {
  readonly raw: string
}

/** `hapi.release.Release`: one revision of a release. */
export interface Release {
  readonly name: string
  readonly info: Info
  readonly chart: Chart
  readonly config: Config
  /** Non-hook manifests, `---\n# Source: path\n...`, kind-sorted. */
  readonly manifest: string
  readonly hooks: ReadonlyArray<Hook>
  readonly version: number
  readonly namespace: string
  /** Beyond Helm v2: what a record read from Helm 3/4 storage held that this model has no field for. */
  readonly helm3?: Helm3Residue
}

/** The storage key of a revision, `<name>.v<version>` (Helm v2 `storage.makeKey`). */
export const releaseKey = (name: string, version: number): string => `${name}.v${version}`

/** The storage labels of a revision (Helm v2 ConfigMap driver labels, without the timestamps). */
export const releaseLabels = (r: Release): Readonly<Record<string, string>> => ({
  NAME: r.name,
  OWNER: 'TILLER',
  STATUS: r.info.status.code,
  VERSION: String(r.version),
})

/**
 * The same release with another status code (and, when given, description); a status no operation holds
 * (not PENDING_* or DELETING) drops the lock.
 */
export const withStatus = (r: Release, code: StatusCode, description?: string): Release => {
  const { lock, ...info } = r.info
  return {
    ...r,
    info: {
      ...info,
      ...(lock && isTransient(code) ? { lock } : {}),
      status: { ...r.info.status, code },
      description: description ?? r.info.description,
    },
  }
}

/** The same release holding `lock` (the revision an operation works on). */
export const withLock = (r: Release, lock: Lock): Release => ({ ...r, info: { ...r.info, lock } })

/** `<chart name>-<chart version>`, as `helm list` and `helm history` print the CHART column. */
export const chartLabel = (r: Release): string => `${r.chart.metadata.name}-${r.chart.metadata.version}`

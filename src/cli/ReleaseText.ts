import * as E from 'fp-ts/Either'
import { formatTable } from '../domain/repo/Table'
import type { Release, TestRun, Timestamp } from '../domain/release/Release'
import { chartLabel, toDate } from '../domain/release/Release'
import type { GetReleaseStatusResponse } from '../domain/release/ReleaseService'
import { coalesceValues } from '../domain/values/Coalesce'
import { toYamlString } from '../domain/yaml/Write'
import { parseConfig } from '../domain/values/Config'

// Helm v2's text output of releases (cmd/helm: status.go, list.go, history.go, get.go).

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const two = (n: number): string => String(n).padStart(2, '0')

/** Go's time.ANSIC layout in local time, as Helm v2's timeconv.String prints a Timestamp ('' for none). */
export const ansic = (t: Timestamp | undefined): string => {
  if (!t) return ''
  const d = toDate(t)
  return `${days[d.getDay()]} ${months[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())} ${d.getFullYear()}`
}

// Helm v2 turns runs of 2+ spaces of the resource table into tabs and aligns them with a tabwriter (padding 2)
const tabulate = (table: string): string =>
  table
    .split('\n\n')
    .map((block) => {
      const rows = block.split('\n').map((l) => (l.startsWith('==>') ? [l] : l.split(/ {2,}|\t+/)))
      const widths: number[] = []
      for (const r of rows)
        if (r.length > 1)
          r.forEach((c, i) => {
            widths[i] = Math.max(widths[i] ?? 0, c.length)
          })
      return rows
        .map((r) =>
          r.length === 1 ? r[0]! : r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]! + 2))).join(''),
        )
        .join('\n')
    })
    .join('\n\n')

const testResults = (results: ReadonlyArray<TestRun>): string =>
  formatTable(
    [
      ['TEST', 'STATUS', 'INFO', 'STARTED', 'COMPLETED'],
      ...results.map((r) => [r.name, r.status, r.info, ansic(r.startedAt), ansic(r.completedAt)]),
    ],
    50,
  )

/** Helm v2 `PrintStatus`: LAST DEPLOYED, NAMESPACE, STATUS, RESOURCES, TEST SUITE, NOTES. */
export const statusText = (st: GetReleaseStatusResponse): string => {
  const info = st.info
  const out: string[] = []
  if (info.lastDeployed) out.push(`LAST DEPLOYED: ${ansic(info.lastDeployed)}\n`)
  out.push(`NAMESPACE: ${st.namespace}\n`, `STATUS: ${info.status.code}\n`, '\n')
  if (info.status.resources) out.push(`RESOURCES:\n${tabulate(info.status.resources)}\n`)
  const suite = info.status.lastTestSuiteRun
  if (suite)
    out.push(
      `TEST SUITE:\nLast Started: ${ansic(suite.startedAt)}\nLast Completed: ${ansic(suite.completedAt)}\n\n${testResults(suite.results)}\n`,
    )
  if (info.status.notes) out.push(`NOTES:\n${info.status.notes}\n`)
  return out.join('')
}

/** Helm v2 `helm list`'s `listRelease` (its JSON/YAML field names too): `-` when never deployed. */
export const listRow = (r: Release) => ({
  Name: r.name,
  Revision: r.version,
  Updated: r.info.lastDeployed ? ansic(r.info.lastDeployed) : '-',
  Status: r.info.status.code,
  Chart: chartLabel(r),
  AppVersion: r.chart.metadata.appVersion ?? '',
  Namespace: r.namespace,
})

/** Helm v2 `helm list` table (uitable, columns cut at `colWidth`). */
export const listTable = (rs: ReadonlyArray<Release>, colWidth: number): string =>
  formatTable(
    [
      ['NAME', 'REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION', 'NAMESPACE'],
      ...rs
        .map(listRow)
        .map((r) => [r.Name, String(r.Revision), r.Updated, r.Status, r.Chart, r.AppVersion, r.Namespace]),
    ],
    colWidth,
  )

/** Helm v2 `helm history`'s `releaseInfo` (json tags revision, updated, status, chart, appVersion, description). */
export const historyRow = (r: Release) => ({
  revision: r.version,
  updated: ansic(r.info.lastDeployed),
  status: r.info.status.code,
  chart: chartLabel(r),
  appVersion: r.chart.metadata.appVersion ?? '',
  description: r.info.description,
})

/** Helm v2 `helm history` table, oldest revision first. */
export const historyTable = (newestFirst: ReadonlyArray<Release>, colWidth: number): string =>
  formatTable(
    [
      ['REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION', 'DESCRIPTION'],
      ...[...newestFirst]
        .reverse()
        .map(historyRow)
        .map((r) => [String(r.revision), r.updated, r.status, r.chart, r.appVersion, r.description]),
    ],
    colWidth,
  )

/** The chart's values with the release's user values coalesced in (Helm's `get values --all`). */
export const computedValues = (rel: Release): string => {
  const user = parseConfig(rel.config.raw)
  const computed = E.isRight(user) ? coalesceValues(rel.chart, user.right) : user
  return E.isRight(computed) ? toYamlString(computed.right) : '{}\n'
}

/** Helm v2 `helm get RELEASE`: REVISION, RELEASED, CHART, USER-SUPPLIED VALUES, COMPUTED VALUES, HOOKS, MANIFEST. */
export const releaseText = (rel: Release): string => {
  const hooks = rel.hooks.map((h) => `\n---\n# ${h.name}\n${h.manifest}`).join('')
  return [
    `REVISION: ${rel.version}`,
    `RELEASED: ${ansic(rel.info.lastDeployed)}`,
    `CHART: ${chartLabel(rel)}`,
    'USER-SUPPLIED VALUES:',
    `${rel.config.raw || '{}\n'}`,
    'COMPUTED VALUES:',
    computedValues(rel),
    `HOOKS:${hooks}`,
    'MANIFEST:',
    `${rel.manifest}`,
    '',
  ].join('\n')
}

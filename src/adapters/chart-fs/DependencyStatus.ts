import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import * as E from 'fp-ts/Either'
import type { Chart, Dependency } from '../../domain/chart/Chart'
import { parseConstraint, satisfiesText } from '../../domain/semver/Constraint'
import { loadChartPath } from './ChartFs'

const versionStatus = (dep: Dependency, found: Chart, okText: string): string => {
  if (found.metadata.name !== dep.name) return 'misnamed'
  if (found.metadata.version === dep.version) return okText
  const c = parseConstraint(dep.version ?? '')
  if (E.isLeft(c)) return 'invalid version'
  return satisfiesText(c.right, found.metadata.version) ? okText : 'wrong version'
}

/**
 * The STATUS column of `helm dependency list` for one dependency of the chart at `dir`, decided as
 * Helm v2 does: an archive `charts/NAME-*.tgz` ("ok", "wrong version", "misnamed", "corrupt",
 * "too many matches"), else a folder `charts/NAME` ("unpacked", ..., "mispackaged"), else "missing".
 */
export const dependencyStatus = async (dir: string, dep: Dependency): Promise<string> => {
  const charts = path.join(dir, 'charts')
  const names = await fs.readdir(charts).catch(() => [] as string[])
  const archives = names.filter((n) => n.startsWith(`${dep.name}-`) && n.endsWith('.tgz'))
  if (archives.length > 1) return 'too many matches'
  if (archives.length === 1) {
    const c = await loadChartPath(path.join(charts, archives[0] as string))()
    return E.isLeft(c) ? 'corrupt' : versionStatus(dep, c.right, 'ok')
  }
  const folder = path.join(charts, dep.name)
  const st = await fs.stat(folder).catch(() => undefined)
  if (!st) return 'missing'
  if (!st.isDirectory()) return 'mispackaged'
  const c = await loadChartPath(folder)()
  return E.isLeft(c) ? 'corrupt' : versionStatus(dep, c.right, 'unpacked')
}

/**
 * Warnings for entries of charts/ (folders and .tgz) that are not charts or not declared, worded as
 * Helm v2's `dependency list` prints them.
 */
export const strayCharts = async (dir: string, chart: Chart): Promise<ReadonlyArray<string>> => {
  const charts = path.join(dir, 'charts')
  const declaredIn = chart.metadata.apiVersion === 'v2' ? 'Chart.yaml' : 'requirements.yaml'
  const out: string[] = []
  for (const name of (await fs.readdir(charts).catch(() => [] as string[])).sort()) {
    const f = path.join(charts, name)
    const st = await fs.stat(f).catch(() => undefined)
    if (!st || (!st.isDirectory() && !name.endsWith('.tgz'))) continue
    const c = await loadChartPath(f)()
    if (E.isLeft(c)) out.push(`WARNING: "${f}" is not a chart.`)
    else if (!chart.requirements.some((d) => d.name === c.right.metadata.name))
      out.push(`WARNING: "${f}" is not in ${declaredIn}.`)
  }
  return out
}

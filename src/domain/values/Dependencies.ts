import * as E from 'fp-ts/Either'
import type { Chart, Dependency } from '../chart/Chart'
import { type GeneralError, generalMessage } from '../GeneralError'
import { parseConstraint, satisfiesText } from '../semver/Constraint'
import type { GoMap } from '../go/Value'
import { coalesceValuesWithWarnings, mergeTablesInPlace, mergeValuesWithWarnings } from './Coalesce'
import { deepCopy } from './MergeMaps'
import { goQuote } from './GoText'
import { type LogRecord, infoRecord } from './LogRecord'
import { pathValue, table, tableAt } from './PathValue'
import { dependenciesFailed, dependenciesMissing, type ValuesError } from './ValuesError'

/** A requirement while it is processed: Helm renames it to its alias and flips `enabled` in place. */
interface Req {
  readonly dep: Dependency
  name: string
  enabled: boolean
}

/** Helm's IsCompatibleRange: false when the constraint (even an empty one) or the version does not parse. */
const isCompatibleRange = (constraint: string | undefined, version: string): boolean => {
  const c = parseConstraint(constraint ?? '')
  return E.isRight(c) && satisfiesText(c.right, version)
}

const withName = (c: Chart, name: string): Chart => ({ ...c, metadata: { ...c.metadata, name } })

/** The subchart a requirement selects (same name, version in range), copied and renamed to its alias. */
const aliasDependency = (charts: ReadonlyArray<Chart>, dep: Dependency): Chart | undefined => {
  const c = charts.find((ch) => ch.metadata.name === dep.name && isCompatibleRange(dep.version, ch.metadata.version))
  if (c === undefined) return undefined
  return dep.alias ? withName(c, dep.alias) : c
}

const processTags = (reqs: ReadonlyArray<Req>, cvals: GoMap): void => {
  const tags = table(cvals, 'tags')
  if (tags === undefined) return
  for (const r of reqs) {
    let hasTrue = false
    let hasFalse = false
    for (const k of r.dep.tags ?? []) {
      const b = Object.hasOwn(tags, k) ? tags[k] : undefined
      if (b === true) hasTrue = true
      else if (b === false) hasFalse = true
    }
    r.enabled = hasTrue || !hasFalse
  }
}

// Helm splits the condition on commas without trimming the parts, and the first path holding a bool wins.
const processConditions = (reqs: ReadonlyArray<Req>, cvals: GoMap, cpath: string): void => {
  for (const r of reqs) {
    for (const c of (r.dep.condition ?? '').trim().split(',')) {
      if (c.length === 0) continue
      const v = pathValue(cvals, cpath + c)
      if (v !== undefined && typeof v.value === 'boolean') {
        r.enabled = v.value
        break
      }
    }
  }
}

const renamed = (r: Req): Dependency => ({ ...r.dep, name: r.name })

const withRequirements = (c: Chart, deps: ReadonlyArray<Dependency>, charts: ReadonlyArray<Chart>): Chart => ({
  ...c,
  requirements: deps,
  metadata: c.metadata.dependencies === undefined ? c.metadata : { ...c.metadata, dependencies: deps },
  dependencies: charts,
})

/** Helm's processDependencyEnabled: aliases applied, tags and conditions evaluated, disabled subcharts removed. */
const processEnabled = (c: Chart, v: GoMap, path: string, logs: LogRecord[]): E.Either<GeneralError, Chart> => {
  if (c.requirements.length === 0) return E.right(c)
  // Subcharts in charts/ that no requirement selects are kept as they are.
  const charts: Chart[] = c.dependencies.filter(
    (ch) =>
      !c.requirements.some((r) => ch.metadata.name === r.name && isCompatibleRange(r.version, ch.metadata.version)),
  )
  const reqs: Req[] = c.requirements.map((dep) => ({ dep, name: dep.name, enabled: true }))
  for (const r of reqs) {
    const sub = aliasDependency(c.dependencies, r.dep)
    if (sub !== undefined) charts.push(sub)
    if (r.dep.alias) r.name = r.dep.alias
  }
  const staged = withRequirements(c, reqs.map(renamed), charts)
  const coalesced = coalesceValuesWithWarnings(staged, v)
  if (E.isLeft(coalesced)) return coalesced
  logs.push(...coalesced.right.warnings.map(infoRecord))
  const cvals = coalesced.right.values
  processTags(reqs, cvals)
  processConditions(reqs, cvals, path)
  const disabled = new Set(reqs.filter((r) => !r.enabled).map((r) => r.name))
  const kept: Chart[] = []
  for (const t of charts.filter((ch) => !disabled.has(ch.metadata.name))) {
    const sub = processEnabled(t, cvals, `${path}${t.metadata.name}.`, logs)
    if (E.isLeft(sub)) return sub
    kept.push(sub.right)
  }
  return E.right(withRequirements(c, reqs.filter((r) => !disabled.has(r.name)).map(renamed), kept))
}

const pathToMap = (path: string, data: GoMap): GoMap => {
  if (path === '.') return data
  return path.split('.').reduceRight<GoMap>((inner, step) => ({ [step]: inner }) as GoMap, data)
}

const goV = (v: unknown): string => (v === null || v === undefined ? '<nil>' : String(v))

/** Helm's processImportValues (merge mode): the chart's values become its merged values with imports under them. */
const processImports = (c: Chart, logs: LogRecord[]): E.Either<GeneralError, Chart> => {
  if (c.requirements.length === 0) return E.right(c)
  const merged = mergeValuesWithWarnings(c, {})
  if (E.isLeft(merged)) return merged
  logs.push(...merged.right.warnings.map(infoRecord))
  const cvals = merged.right.values
  let b: GoMap = {}
  // Helm 4 logs (slog.Warn) each import whose table is missing and goes on
  const noTable = (step: string): string => `${goQuote(step)} is not a table`
  for (const r of c.requirements) {
    for (const iv of r.importValues ?? []) {
      if (typeof iv === 'string') {
        const vm = tableAt(cvals, `${r.name}.exports.${iv}`)
        if (E.isRight(vm)) b = mergeTablesInPlace(b, vm.right)
        else logs.push({ level: 'WARN', msg: 'ImportValues missing table', attrs: [['error', noTable(vm.left)]] })
      } else {
        const vv = tableAt(cvals, `${r.name}.${goV(iv.child)}`)
        if (E.isRight(vv)) b = mergeTablesInPlace(b, pathToMap(goV(iv.parent), vv.right))
        else
          logs.push({
            level: 'WARN',
            msg: 'ImportValues missing table from chart',
            attrs: [
              ['chart', r.name],
              ['error', noTable(vv.left)],
            ],
          })
      }
    }
  }
  // Imported values rank below the parent's own values: b goes under the chart's merged values.
  return E.right({ ...c, values: mergeTablesInPlace(deepCopy(cvals), b) })
}

const processImportsTree = (c: Chart, logs: LogRecord[]): E.Either<GeneralError, Chart> => {
  const deps: Chart[] = []
  for (const d of c.dependencies) {
    const r = processImportsTree(d, logs)
    if (E.isLeft(r)) return r
    deps.push(r.right)
  }
  return processImports({ ...c, dependencies: deps }, logs)
}

/**
 * Helm's ProcessDependencies for a chart about to render with user values `values`: each requirement's
 * subchart is selected (name and version range; one with `alias` becomes a renamed copy), `tags` and
 * then `condition` (comma list; the first path holding a bool wins; paths of nested charts are prefixed
 * with their parents' names) decide which stay, disabled subcharts are removed with their children,
 * subcharts in charts/ that no requirement names are kept, and `import-values` (`exports` keys and
 * `{child, parent}` pairs) are copied into each parent's values under the parent's own values.
 * Returns the processed chart (the input is not changed); fails with DependenciesFailed (`chart
 * dependencies processing failed: type mismatch on sub: ...`) when coalescing along the way fails.
 */
export const processDependencies = (chart: Chart, values: GoMap): E.Either<ValuesError, Chart> =>
  E.map((p: Processed) => p.chart)(processDependenciesWithWarnings(chart, values))

/** A processed chart and what Helm logs while processing it. */
export interface Processed {
  readonly chart: Chart
  /** The messages of the coalescing passes (`warning: skipped value for ...`), in order. */
  readonly warnings: ReadonlyArray<string>
  /** Every line Helm 4 logs, in order: the coalescing warnings (INFO) and imports whose table is missing (WARN). */
  readonly logs: ReadonlyArray<LogRecord>
}

/** `processDependencies` with what Helm logs meanwhile: its coalescing passes' warnings and missing import tables. */
export const processDependenciesWithWarnings = (chart: Chart, values: GoMap): E.Either<ValuesError, Processed> => {
  const logs: LogRecord[] = []
  const enabled = processEnabled(chart, values, '', logs)
  const done = E.isLeft(enabled) ? enabled : processImportsTree(enabled.right, logs)
  if (E.isLeft(done)) return E.left(dependenciesFailed(generalMessage(done.left)))
  const warnings = logs.filter((l) => l.level === 'INFO').map((l) => l.msg)
  return E.right({ chart: done.right, warnings, logs })
}

/**
 * Helm's CheckDependencies, run by install/upgrade/template before anything else: every requirement
 * must name (by chart name, not alias) a subchart present in charts/. Fails with DependenciesMissing
 * (`... found in Chart.yaml, but missing in charts/ directory: a, b`).
 */
export const checkDependencies = (chart: Chart): E.Either<ValuesError, void> => {
  const missing = chart.requirements
    .filter((r) => !chart.dependencies.some((d) => d.metadata.name === r.name))
    .map((r) => r.name)
  return missing.length > 0 ? E.left(dependenciesMissing(missing)) : E.right(undefined)
}

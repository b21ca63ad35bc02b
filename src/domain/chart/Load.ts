import { Buffer } from 'node:buffer'
import * as E from 'fp-ts/Either'
import type { ChartReadError } from './ChartError'
import { parseYamlValues } from '../yaml/Read'
import { type ArchiveLimits, defaultArchiveLimits, readChartArchive } from './archive/Archive'
import type { Chart, ChartFile, Dependency, Lock, Metadata } from './Chart'
import { invalidChartFile, invalidChartMetadata } from './ChartError'
import { decodeChartFile, decodeLock, decodeRequirements } from './ChartFile'
import { isIncluded, parseHelmIgnore } from './HelmIgnore'

/** Options of `loadChartFromFiles`. */
export interface LoadOptions {
  /** Apply the chart's `.helmignore` (true for a folder; Helm does not re-apply it to an archive). */
  readonly applyIgnore?: boolean
  readonly limits?: ArchiveLimits
}

const text = (f: ChartFile): string => Buffer.from(f.data).toString('utf8')

const join = (origin: string, name: string): string => (origin === '' ? name : `${origin}/${name}`)

/**
 * Builds a Chart from the files of one chart (paths relative to its root, `/`-separated), as Helm's
 * loader does: applies `.helmignore`, reads Chart.yaml, values.yaml, values.schema.json,
 * requirements.yaml/.lock (v1) or Chart.yaml `dependencies:` + Chart.lock (v2), templates/, and loads
 * `charts/` subfolders and `charts/*.tgz` recursively (skipping names starting with `.` or `_`).
 * Errors: InvalidChartFile (Chart.yaml missing, no name, bad apiVersion, bad .helmignore), InvalidChartMetadata
 * (a name that is `.`, `..` or a path, as Helm 4 refuses it),
 * YamlParseError, YamlTypeError, UnsafeArchive (a subchart archive).
 */
export const loadChartFromFiles = (
  files: ReadonlyArray<ChartFile>,
  origin: string,
  opts: LoadOptions = {},
): E.Either<ChartReadError, Chart> => {
  let kept = files
  const ignoreFile = files.find((f) => f.path === '.helmignore')
  if (opts.applyIgnore !== false && ignoreFile !== undefined) {
    const rules = parseHelmIgnore(text(ignoreFile))
    if (E.isLeft(rules)) return rules
    kept = files.filter((f) => isIncluded(rules.right, f.path))
  }

  let metadata: Metadata | undefined
  let rawValues = ''
  let values = {}
  let schema: Uint8Array | undefined
  let requirementsV1: ReadonlyArray<Dependency> | undefined
  let lock: Lock | undefined
  const templates: ChartFile[] = []
  const other: ChartFile[] = []
  const subcharts = new Map<string, ChartFile[]>()

  for (const f of kept) {
    const p = f.path
    if (p === 'Chart.yaml') {
      const m = decodeChartFile(join(origin, p), text(f))
      if (E.isLeft(m)) return m
      metadata = m.right
    } else if (p === 'values.yaml') {
      rawValues = text(f)
      const v = parseYamlValues(join(origin, p), rawValues)
      if (E.isLeft(v)) return v
      values = v.right
    } else if (p === 'values.schema.json') {
      schema = f.data
    } else if (p.startsWith('templates/')) {
      templates.push(f)
    } else if (p.startsWith('charts/') && !p.endsWith('.prov')) {
      const rest = p.slice('charts/'.length)
      if (/^[._]/.test(rest)) continue
      const name = rest.split('/')[0] as string
      const group = subcharts.get(name) ?? []
      group.push({ path: rest, data: f.data })
      subcharts.set(name, group)
    } else {
      if (p === 'requirements.yaml') {
        const r = decodeRequirements(join(origin, p), text(f))
        if (E.isLeft(r)) return r
        requirementsV1 = r.right
      } else if (p === 'requirements.lock' || p === 'Chart.lock') {
        const l = decodeLock(join(origin, p), text(f))
        if (E.isLeft(l)) return l
        if (lock === undefined || p === 'Chart.lock') lock = l.right
      }
      other.push(f)
    }
  }

  if (metadata === undefined)
    return E.left(invalidChartFile(join(origin, 'Chart.yaml'), ['Chart.yaml file is missing']))
  if (metadata.name === '')
    return E.left(invalidChartFile(join(origin, 'Chart.yaml'), ['invalid chart (Chart.yaml): name must not be empty']))
  // Helm 4's Metadata.Validate: the name becomes a folder (untar, charts/) and a file name (NAME-VERSION.tgz)
  if (metadata.name === '.' || metadata.name === '..')
    return E.left(
      invalidChartMetadata(
        join(origin, 'Chart.yaml'),
        `chart.metadata.name ${JSON.stringify(metadata.name)} is not allowed`,
      ),
    )
  if (metadata.name.includes('/'))
    return E.left(
      invalidChartMetadata(
        join(origin, 'Chart.yaml'),
        `chart.metadata.name ${JSON.stringify(metadata.name)} is invalid`,
      ),
    )
  if (metadata.apiVersion !== 'v1' && metadata.apiVersion !== 'v2')
    return E.left(
      invalidChartFile(join(origin, 'Chart.yaml'), [
        `apiVersion '${metadata.apiVersion}' is not valid. The value must be either "v1" or "v2"`,
      ]),
    )

  const dependencies: Chart[] = []
  for (const [name, group] of [...subcharts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const where = join(origin, `charts/${name}`)
    let sub: E.Either<ChartReadError, Chart>
    if (name.endsWith('.tgz')) {
      const file = group.find((g) => g.path === name)
      if (file === undefined)
        return E.left(invalidChartFile(where, [`error unpacking ${name} in ${metadata.name}: not a file`]))
      sub = loadChartArchive(file.data, where, opts.limits)
    } else {
      const inner = group
        .filter((g) => g.path.includes('/'))
        .map((g) => ({ path: g.path.slice(name.length + 1), data: g.data }))
      // A loose file in charts/ that is not an archive is not a chart: Helm skips it.
      if (inner.length === 0) continue
      sub = loadChartFromFiles(inner, where, { ...opts, applyIgnore: false })
    }
    if (E.isLeft(sub)) return sub
    dependencies.push(sub.right)
  }

  const requirements =
    metadata.apiVersion === 'v2' ? (metadata.dependencies ?? requirementsV1 ?? []) : (requirementsV1 ?? [])
  return E.right({
    metadata,
    requirements,
    ...(lock ? { lock } : {}),
    templates,
    values,
    rawValues,
    ...(schema ? { schema } : {}),
    files: other,
    dependencies,
  })
}

/**
 * Loads a chart from the bytes of a `.tgz` (see `readChartArchive` for the safety rules); `.helmignore`
 * is not re-applied. Errors: UnsafeArchive, InvalidChartFile, YamlParseError, YamlTypeError.
 */
export const loadChartArchive = (
  bytes: Uint8Array,
  origin: string,
  limits: ArchiveLimits = defaultArchiveLimits,
): E.Either<ChartReadError, Chart> => {
  const files = readChartArchive(bytes, origin, limits)
  return E.isLeft(files) ? files : loadChartFromFiles(files.right, origin, { applyIgnore: false, limits })
}

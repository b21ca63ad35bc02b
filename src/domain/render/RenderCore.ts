import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { Chart } from '../chart/Chart'
import type { ValuesError } from '../values/ValuesError'
import type { RenderJob } from '../template/Engine'
import { selectEngine } from '../template/Engines'
import type { FuncMap } from '../template/gotpl'
import type { GoMap, Value } from '../go/Value'
import {
  capabilitiesObject,
  defaultApiVersions,
  defaultKubeVersion,
  type KubeVersion,
  parseKubeVersion,
  releaseObject,
} from '../template/helm/Capabilities'
import { flowFuncs, lookupFunc } from '../template/helm/Functions'
import type { VersionInfo } from '../template/helm/TillerBuiltins'
import { helmSerializers } from '../template/helm/serialize'
import { sprigFuncs } from '../template/sprig'
import { parseConstraint, satisfiesText } from '../semver/Constraint'
import { isCompatibleRange } from '../semver/V1'
import { coalesceValuesWithWarnings } from '../values/Coalesce'
import { processDependenciesWithWarnings } from '../values/Dependencies'
import { type LogRecord, infoRecord, slogText } from '../values/LogRecord'
import { toYamlString } from '../yaml/Write'
import { invalidKubeVersion, kubeVersionIncompatible, type RenderFailure } from './RenderError'
import { renderLimitExceeded } from '../template/EngineError'
import { collectJobs } from './Scope'
import { yamlNodeEstimate } from '../yaml/Depth'
import { type RenderLimits, defaultRenderLimits, formatBytes } from '../go/Budget'

/** Impure sources, given by the caller, so rendering stays pure. */
export interface RenderEnv {
  readonly now: () => Date
  readonly randomBytes: (n: number) => Uint8Array
  /** The cluster reader behind `lookup`; absent → an empty map, as `helm template` gives. */
  readonly lookup?: (apiVersion: string, kind: string, namespace: string, name: string) => Value
  /**
   * Warnings: the template engine's, lint-mode `fail`/`required` messages, and (unless `log` is given) the
   * lines Helm 4 logs while computing values, as Helm 4 prints them (`level=INFO msg="warning: ..."`).
   */
  readonly warn?: (msg: string) => void
  /** Takes the value-computing log lines (coalescing, import-values) as records instead of `warn`. */
  readonly log?: (record: LogRecord) => void
  /** Told the name of each file as its execution begins (a supervisor that stops a render can name the file). */
  readonly onTemplate?: (name: string) => void
}

export interface RenderOptions {
  readonly releaseName: string
  readonly namespace: string
  readonly revision: number
  readonly isInstall: boolean
  readonly isUpgrade: boolean
  /** `.Capabilities.KubeVersion` (default v1.35.0, Helm 4.1.4's). */
  readonly kubeVersion?: string
  /** Extra `.Capabilities.APIVersions` added to Helm's defaults. */
  readonly apiVersions?: ReadonlyArray<string>
  /** missingkey=error (lint --strict). */
  readonly strict?: boolean
  /** Lint mode: `fail`/`required` do not stop the render; their messages go to `env.warn`. */
  readonly lintMode?: boolean
  /** Render subcharts' NOTES.txt too. */
  readonly subNotes?: boolean | undefined
  /** Evaluation step budget per render (shorthand for `limits.maxSteps`). */
  readonly maxSteps?: number
  /** What the render may spend (defaults: `defaultRenderLimits`); past a limit it fails with RenderLimitExceeded. */
  readonly limits?: Partial<RenderLimits>
  /**
   * Render with the built-in objects a Helm v2 Tiller gives templates: `.Release.Service` "Tiller", `.Release.Time`
   * (`time`), `.Capabilities.TillerVersion` (`version`) and no `.Capabilities.HelmVersion`. Absent: Helm 4's objects.
   */
  readonly tiller?: { readonly version: VersionInfo; readonly time: Date } | undefined
}

export interface Rendered {
  /** "chart/templates/x.yaml" → rendered text, `<no value>` stripped; partials and NOTES excluded. */
  readonly files: ReadonlyMap<string, string>
  /** The rendered NOTES.txt ('' if none); with `subNotes`, the subcharts' too, separated by newlines. */
  readonly notes: string
  /** The computed values (after dependencies and coalescing). */
  readonly values: GoMap
  /** The chart after dependency processing (disabled subcharts removed, aliases applied). */
  readonly chart: Chart
}

const NOTES = 'NOTES.txt'

/** The function map a render gives its templates: Sprig, Helm's serialisers, fail/required, lookup. */
export const renderFuncs = (env: RenderEnv, lintMode: boolean): FuncMap => ({
  ...sprigFuncs({ now: env.now, randomBytes: env.randomBytes }),
  ...helmSerializers(),
  ...flowFuncs(lintMode ? (m) => env.warn?.(m) : undefined),
  ...lookupFunc(env.lookup),
})

// Helm's IsCompatibleRange: Masterminds semver constraints; an unparsable constraint is incompatible.
const kubeCompatible = (constraint: string, version: string): boolean => {
  const c = parseConstraint(constraint)
  return E.isRight(c) && satisfiesText(c.right, version)
}

const extractNotes = (files: Map<string, string>, rootName: string, subNotes: boolean): string => {
  const rootNotes = `${rootName}/templates/${NOTES}`
  let notes = ''
  for (const k of [...files.keys()].sort()) {
    if (!k.endsWith(NOTES)) continue
    if (subNotes || k === rootNotes) notes += (notes.length > 0 ? '\n' : '') + files.get(k)!
    files.delete(k)
  }
  return notes
}

// Every engine's output is bounded in bytes while it is written; its YAML node count is checked here.
const checkOutput = (files: ReadonlyMap<string, string>, limits: RenderLimits): E.Either<RenderFailure, void> => {
  let bytes = 0
  let nodes = 0
  for (const [name, text] of files) {
    bytes += text.length
    if (bytes > limits.maxOutputBytes)
      return E.left(renderLimitExceeded(name, `the rendered output would exceed ${formatBytes(limits.maxOutputBytes)}`))
    nodes += yamlNodeEstimate(text)
    if (nodes > limits.maxOutputNodes)
      return E.left(
        renderLimitExceeded(name, `the rendered output would hold more than ${limits.maxOutputNodes} YAML nodes`),
      )
  }
  return E.right(undefined)
}

/** Validates values against the values.schema.json files of a chart tree (Helm's ValidateAgainstSchema). */
export type SchemaValidator = (chart: Chart, values: GoMap) => E.Either<ValuesError, void>

/** Whether any chart of the tree carries a values.schema.json (callers load the validator only then). */
export const hasSchema = (chart: Chart): boolean => chart.schema !== undefined || chart.dependencies.some(hasSchema)

/**
 * `renderChart` with the schema validator given (the CLI passes one only when `hasSchema`, so the
 * JSON-schema library loads only for charts that have a schema). Renders a chart as Helm 4 does: processes dependencies (conditions, tags, aliases, import-values),
 * coalesces values, validates values.schema.json, checks Chart.yaml `kubeVersion`, renders every template
 * of the tree with the engine the chart names (unknown → gotpl with a warning), and splits off NOTES.txt.
 * Errors: ValuesError tags from values/schema, `TemplateFailed` (Helm's parse/execution texts),
 * `RenderLimitExceeded`, `KubeVersionIncompatible`, `InvalidKubeVersion`.
 */
export const renderChartWith =
  (validateSchema: SchemaValidator) =>
  (chart: Chart, userValues: GoMap, opts: RenderOptions, env: RenderEnv): E.Either<RenderFailure, Rendered> =>
    pipe(
      E.Do,
      E.bindW('kube', (): E.Either<RenderFailure, KubeVersion> => {
        const text = opts.kubeVersion ?? defaultKubeVersion
        const kv = parseKubeVersion(text)
        return typeof kv === 'string' ? E.left<RenderFailure>(invalidKubeVersion(text, kv)) : E.right(kv)
      }),
      E.bindW('processed', () => processDependenciesWithWarnings(chart, userValues)),
      E.bindW('coalesced', ({ processed }) => coalesceValuesWithWarnings(processed.chart, userValues)),
      E.map(({ kube, processed, coalesced }) => {
        const log = env.log ?? ((r: LogRecord) => env.warn?.(slogText(r)))
        for (const r of [...processed.logs, ...coalesced.warnings.map(infoRecord)]) log(r)
        return { kube, processed: processed.chart, values: coalesced.values }
      }),
      E.chainFirstW(({ processed, values }) => validateSchema(processed, values)),
      E.chainFirstW(({ processed, kube }) => {
        const required = processed.metadata.kubeVersion
        if (!required) return E.right(undefined)
        // Helm v2's Tiller checks with Masterminds v1 against the git version cut at '+' (renderResources)
        if (opts.tiller) {
          const k8s = kube.version.split('+')[0] ?? ''
          return isCompatibleRange(required, k8s)
            ? E.right(undefined)
            : E.left<RenderFailure>(kubeVersionIncompatible(required, k8s, true))
        }
        return !kubeCompatible(required, kube.normalized)
          ? E.left<RenderFailure>(kubeVersionIncompatible(required, kube.version))
          : E.right(undefined)
      }),
      E.chainW(({ processed, values, kube }) => {
        try {
          const jobs: RenderJob[] = []
          collectJobs(
            processed,
            values,
            {
              release: releaseObject({
                name: opts.releaseName,
                namespace: opts.namespace,
                revision: opts.revision,
                isInstall: opts.isInstall,
                isUpgrade: opts.isUpgrade,
                tillerTime: opts.tiller?.time,
              }),
              capabilities: capabilitiesObject(
                kube,
                [...defaultApiVersions, ...(opts.apiVersions ?? [])],
                opts.tiller?.version,
              ),
              toYaml: (m) => toYamlString(m).replace(/\n$/, ''),
              valueYaml: toYamlString,
            },
            jobs,
          )
          const engine = selectEngine(processed.metadata.engine, processed.metadata.name, env.warn)
          const limits: RenderLimits = {
            ...defaultRenderLimits,
            ...opts.limits,
            ...(opts.maxSteps !== undefined ? { maxSteps: opts.maxSteps } : {}),
          }
          return pipe(
            engine.render(jobs, {
              funcs: renderFuncs(env, opts.lintMode === true),
              strict: opts.strict === true,
              limits,
              onTemplate: env.onTemplate,
            }),
            E.chainFirst((files) => checkOutput(files, limits)),
            E.map((files): Rendered => {
              const notes = extractNotes(files, processed.metadata.name, opts.subNotes === true)
              return { files, notes, values, chart: processed }
            }),
          )
        } catch (e) {
          return E.left<RenderFailure>(
            renderLimitExceeded(chart.metadata.name, e instanceof Error ? e.message : String(e)),
          )
        }
      }),
    )

import { randomBytes } from 'node:crypto'
import type { VersionInfo } from '../../domain/template/helm/TillerBuiltins'
import { appendFile, mkdir, stat, writeFile } from 'node:fs/promises'
import { dirname, isAbsolute, resolve } from 'node:path'
import type { Readable } from 'node:stream'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { loadChartPath } from '../../adapters/chart-fs/ChartFs'
import type { Chart } from '../../domain/chart/Chart'
import type { HttpAuth } from '../../adapters/http-repo/HttpGet'
import type { HelmError } from '../../domain/errors'
import { fileUnwritable, invalidArgument } from '../../domain/GeneralError'
import { pathIn } from '../../domain/path/SafePath'
import { hasSchema, renderChartWith } from '../../domain/render/RenderCore'
import { type OutputDoc, templateDocs, templateText } from '../../domain/render/TemplateOutput'
import { checkDependencies } from '../../domain/values/Dependencies'
import { slogText } from '../../domain/values/LogRecord'
import { TemplateSet } from '../../domain/template/gotpl'
import { sprigFuncs } from '../../domain/template/sprig'
import { readStream, readValues, type ValueOptions } from '../values/ReadValues'

export interface TemplateRequest {
  readonly cwd: string
  readonly stdin: Readable
  readonly chart: string
  /** $HELM_HOME, where a `repo/chart` reference (or `--repo`) is looked up and downloaded. */
  readonly helmHome: string
  readonly version: string | undefined
  readonly devel: boolean
  readonly repo: string | undefined
  /** `--verify`: the archive must have a .prov signed by a key of `keyring`. */
  readonly verify?: boolean | undefined
  readonly keyring?: string | undefined
  /** Repository credentials (`--username`, `--ca-file`, ...) for a chart that is downloaded. */
  readonly auth?: HttpAuth | undefined
  readonly name: string | undefined
  readonly nameTemplate: string | undefined
  readonly namespace: string
  readonly showOnly: ReadonlyArray<string>
  readonly notes: boolean
  readonly outputDir: string | undefined
  readonly kubeVersion: string | undefined
  readonly apiVersions: ReadonlyArray<string>
  readonly isUpgrade: boolean
  readonly includeCrds: boolean
  readonly skipTests: boolean
  readonly noHooks: boolean
  readonly subNotes: boolean
  readonly strict: boolean
  readonly values: ValueOptions
  /**
   * `--as-tiller`: the built-in objects Helm v2 gave templates (`.Release.Service` "Tiller", `.Release.Time`,
   * `.Capabilities.TillerVersion` = this version) instead of Helm 4's.
   */
  readonly asTiller?: { readonly version: VersionInfo } | undefined
  /** `--dependency-update`: run `helm dependency update` on a chart folder whose dependencies are missing. */
  readonly dependencyUpdate?: boolean | undefined
  /** `--skip-schema-validation`: do not check values against values.schema.json. */
  readonly skipSchemaValidation?: boolean | undefined
  /** Where the dependency update prints its lines (Helm 4: stdout, before the manifests). */
  readonly out?: ((line: string) => void) | undefined
  readonly warn: (msg: string) => void
}

const env = (warn: (m: string) => void) => ({
  now: () => new Date(),
  randomBytes: (n: number) => new Uint8Array(randomBytes(n)),
  warn,
})

/** `--name-template`: a Go template (with Sprig) whose output is the release name. */
const releaseName = (r: TemplateRequest): E.Either<HelmError, string> => {
  if (r.name) return E.right(r.name)
  if (!r.nameTemplate) return E.right('release-name')
  try {
    const set = new TemplateSet({ funcs: sprigFuncs(env(r.warn)) })
    set.parse('name-template', r.nameTemplate)
    return E.right(set.execute('name-template', null).replaceAll('<no value>', ''))
  } catch (e) {
    return E.left(invalidArgument(e instanceof Error ? e.message : String(e)))
  }
}

/** Writes each document under DIR/<source path>, appending to a file already written in this run, as Helm does. */
const writeDocs =
  (dir: string, docs: ReadonlyArray<OutputDoc>): TE.TaskEither<HelmError, string> =>
  async () => {
    const written = new Set<string>()
    let out = ''
    for (const d of docs) {
      const inside = pathIn('manifest', dir, d.source)
      if (E.isLeft(inside)) return inside
      const file = inside.right
      const text = `---\n# Source: ${d.source}\n${d.content}\n`
      try {
        await mkdir(dirname(file), { recursive: true })
        if (written.has(file)) await appendFile(file, text)
        else await writeFile(file, text)
      } catch (e) {
        return E.left(fileUnwritable(file, e instanceof Error ? e.message : String(e)))
      }
      written.add(file)
      out += `wrote ${file}\n`
    }
    return E.right(`${out}\n`)
  }

/** CHART as typed: a local folder or archive, else a repository reference resolved through $HELM_HOME. */
const chartPath =
  (r: TemplateRequest): TE.TaskEither<HelmError, string> =>
  async () => {
    const local = isAbsolute(r.chart) ? r.chart : resolve(r.cwd, r.chart)
    const exists = await stat(local).catch(() => undefined)
    if (!r.repo && !r.verify && exists) return E.right(local)
    const { resolveChartRef } = await import('../../adapters/helm-home/ChartDownloader')
    return resolveChartRef(r.helmHome, exists ? local : r.chart, {
      ...(r.version !== undefined ? { version: r.version } : {}),
      devel: r.devel,
      ...(r.repo !== undefined ? { repoUrl: r.repo } : {}),
      ...(r.verify ? { verify: true } : {}),
      ...(r.keyring !== undefined ? { keyring: r.keyring } : {}),
      ...(r.auth !== undefined ? { auth: r.auth } : {}),
    })()
  }

/**
 * The chart with every declared dependency in charts/: as loaded, else (with --dependency-update) loaded
 * again after `helm dependency update` of its folder; else DependenciesMissing.
 */
const withDependencies =
  (r: TemplateRequest, path: string, chart: Chart): TE.TaskEither<HelmError, Chart> =>
  async () => {
    const checked = checkDependencies(chart)
    if (E.isRight(checked)) return E.right(chart)
    if (!r.dependencyUpdate) return E.left(checked.left)
    const { dependencyUpdate } = await import('../../adapters/helm-home/Dependencies')
    const updated = await dependencyUpdate(r.helmHome, path, { out: r.out ?? (() => undefined) })()
    return E.isLeft(updated) ? updated : loadChartPath(path)()
  }

/** `helm template`: load the chart, read the value flags, render, and give the text to print. */
export const runTemplate = (r: TemplateRequest): TE.TaskEither<HelmError, string> =>
  pipe(
    TE.Do,
    TE.bind('name', () => TE.fromEither(releaseName(r))),
    TE.bind('path', () => chartPath(r)),
    TE.bind('loaded', ({ path }) => loadChartPath(path)),
    TE.bind('values', () => readValues(r.values, { cwd: r.cwd, readStdin: () => readStream(r.stdin) })),
    // Helm refuses a chart whose declared dependencies are not all in charts/ before rendering anything
    TE.bind('chart', ({ path, loaded }) => {
      if (loaded.metadata.deprecated) r.warn(slogText({ level: 'WARN', msg: 'this chart is deprecated', attrs: [] }))
      return withDependencies(r, path, loaded)
    }),
    // The JSON-schema library is heavy: load it only for a chart tree that has a schema.
    TE.bind('validate', ({ chart }) =>
      TE.fromTask(async () =>
        hasSchema(chart) && !r.skipSchemaValidation
          ? (await import('../../domain/values/Schema')).validateSchema
          : () => E.right(undefined),
      ),
    ),
    TE.bindW('rendered', ({ name, chart, values, validate }) =>
      TE.fromEither(
        renderChartWith(validate)(
          chart,
          values,
          {
            releaseName: name,
            namespace: r.namespace,
            revision: 1,
            isInstall: !r.isUpgrade,
            isUpgrade: r.isUpgrade,
            apiVersions: r.apiVersions,
            strict: r.strict,
            subNotes: r.subNotes,
            ...(r.kubeVersion !== undefined ? { kubeVersion: r.kubeVersion } : {}),
            ...(r.asTiller ? { tiller: { version: r.asTiller.version, time: new Date() } } : {}),
          },
          env(r.warn),
        ),
      ),
    ),
    TE.bindW('docs', ({ rendered }) =>
      TE.fromEither(
        templateDocs(rendered, {
          includeCrds: r.includeCrds,
          skipTests: r.skipTests,
          showOnly: r.showOnly,
          notes: r.notes,
          noHooks: r.noHooks,
          log: (l) => r.warn(slogText(l)),
        }),
      ),
    ),
    TE.chain(({ docs }) =>
      r.outputDir !== undefined
        ? writeDocs(isAbsolute(r.outputDir) ? r.outputDir : resolve(r.cwd, r.outputDir), docs)
        : TE.fromEither(templateText(docs, r.showOnly)),
    ),
  )

import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { invalidArgument } from '../../domain/GeneralError'
import { joinPath, pathIn } from '../../domain/path/SafePath'
import { hasSchema, renderChartWith } from '../../domain/render/RenderCore'
import { type OutputDoc, templateDocs, templateText } from '../../domain/render/TemplateOutput'
import { TemplateSet } from '../../domain/template/gotpl'
import type { VersionInfo } from '../../domain/template/helm/TillerBuiltins'
import { sprigFuncs } from '../../domain/template/sprig'
import { slogText } from '../../domain/values/LogRecord'
import type { ValueOptions } from '../../domain/values/ValueOptions'
import { loadChart } from './Charts'
import type { ClientDeps, UseCase } from './Deps'
import { type LocateRequest, locateChart } from './LocateChart'
import { type TemplateDeps, withDependencies } from './ChartDependencies'

/** `helm template`: what to render, with which release and capabilities, and what to show or write. */
export interface TemplateRequest extends LocateRequest {
  readonly name: string | undefined
  readonly nameTemplate: string | undefined
  readonly namespace: string
  readonly showOnly: ReadonlyArray<string>
  readonly notes: boolean
  /** write each document under this folder (absolute) instead of printing them */
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
}

export type { TemplateDeps }

const sprigEnv = (d: Pick<ClientDeps, 'clock' | 'random'>) => ({ now: d.clock.now, randomBytes: d.random.bytes })

/** `--name-template`: a Go template (with Sprig) whose output is the release name (Helm v2 `generateName`). */
export const templatedName =
  (text: string) =>
  (d: Pick<ClientDeps, 'clock' | 'random'>): E.Either<HelmError, string> => {
    try {
      const set = new TemplateSet({ funcs: sprigFuncs(sprigEnv(d)) })
      set.parse('name-template', text)
      return E.right(set.execute('name-template', null).replaceAll('<no value>', ''))
    } catch (e) {
      return E.left(invalidArgument(e instanceof Error ? e.message : String(e)))
    }
  }

/** Each document under DIR/<source path>; documents from one template are appended in order, as Helm does. */
const writeDocs =
  (dir: string, docs: ReadonlyArray<OutputDoc>) =>
  (d: TemplateDeps): TE.TaskEither<HelmError, string> =>
    pipe(
      docs,
      E.traverseArray((doc) =>
        pipe(
          pathIn('manifest', dir, doc.source),
          E.map((file) => [file, doc] as const),
        ),
      ),
      TE.fromEither,
      TE.chain((placed) => {
        const byFile = new Map<string, { readonly source: string; text: string }>()
        for (const [file, doc] of placed) {
          const text = `---\n# Source: ${doc.source}\n${doc.content}\n`
          const seen = byFile.get(file)
          if (seen) seen.text += text
          else byFile.set(file, { source: doc.source, text })
        }
        return pipe(
          d.files.writeTree(
            dir,
            [...byFile.values()].map((f) => ({ path: f.source, data: Buffer.from(f.text) })),
          ),
          TE.map(() => `${placed.map(([file]) => `wrote ${file}\n`).join('')}\n`),
        )
      }),
    )

/** `helm template`: locate and load the chart, read the values, render, and give the text to print. */
export const template =
  (r: TemplateRequest): UseCase<TemplateDeps, string> =>
  (d) =>
    pipe(
      TE.Do,
      TE.bind('name', () =>
        TE.fromEither(
          r.name ? E.right(r.name) : r.nameTemplate ? templatedName(r.nameTemplate)(d) : E.right('release-name'),
        ),
      ),
      TE.bind('path', () => locateChart(r)(d)),
      TE.bind('loaded', ({ path }) => loadChart(path)(d)),
      TE.bind('values', () => d.values(r.values)),
      // Helm refuses a chart whose declared dependencies are not all in charts/ before rendering anything
      TE.bind('chart', ({ path, loaded }) => {
        if (loaded.metadata.deprecated) d.warn(slogText({ level: 'WARN', msg: 'this chart is deprecated', attrs: [] }))
        return withDependencies(path, loaded, r.dependencyUpdate ?? false)(d)
      }),
      // the JSON-schema library is heavy: loaded only for a chart tree that has a schema
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
              ...(r.asTiller ? { tiller: { version: r.asTiller.version, time: d.clock.now() } } : {}),
            },
            { ...sprigEnv(d), warn: d.warn },
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
            log: (l) => d.warn(slogText(l)),
          }),
        ),
      ),
      TE.chainW(({ docs }) =>
        r.outputDir !== undefined
          ? writeDocs(joinPath(r.cwd, r.outputDir), docs)(d)
          : TE.fromEither(templateText(docs, r.showOnly)),
      ),
    )

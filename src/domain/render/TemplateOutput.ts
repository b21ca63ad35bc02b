import * as E from 'fp-ts/Either'
import type { Chart } from '../chart/Chart'
import { trimSpace } from '../go/Strings'
import { splitManifests } from '../manifest/Split'
import type { LogRecord } from '../values/LogRecord'
import { isTestHook } from '../manifest/Hook'
import { helm4Rules, sortManifests } from '../manifest/Manifest'
import { manifestInvalid, type RenderError, showOnlyNotFound } from './RenderError'
import type { Rendered } from './RenderCore'
import { compileGlob } from '../template/helm/Glob'

export interface TemplateOutputOptions {
  readonly includeCrds: boolean
  readonly skipTests: boolean
  /** Render only these template paths (relative to the chart folder, globs allowed), as `--show-only`. */
  readonly showOnly: ReadonlyArray<string>
  /** Append the rendered NOTES.txt as a document (Helm v2's `--notes`). */
  readonly notes: boolean
  /** Leave hooks out (`--no-hooks`). */
  readonly noHooks?: boolean
  /** Where the lines Helm 4 logs while sorting go (`skipping unknown hooks`). */
  readonly log?: (record: LogRecord) => void
}

/** One output document: its `# Source:` path and its text; `afterManifest` for hooks and NOTES. */
export interface OutputDoc {
  readonly source: string
  readonly content: string
  readonly afterManifest?: boolean
}

const crdExtensions = ['.yaml', '.yml', '.json']

/** Helm's CRDObjects: files under each chart's `crds/` with a manifest extension, parent first. */
export const crdDocs = (chart: Chart, parentPath?: string): OutputDoc[] => {
  const path = parentPath === undefined ? chart.metadata.name : `${parentPath}/charts/${chart.metadata.name}`
  const own = chart.files
    .filter((f) => f.path.startsWith('crds/') && crdExtensions.some((x) => f.path.endsWith(x)))
    .map((f) => ({ source: `${path}/${f.path}`, content: Buffer.from(f.data).toString('utf8') }))
  return [...own, ...chart.dependencies.flatMap((d) => crdDocs(d, path))]
}

/**
 * The documents `helm template` prints, in Helm 4's order: CRDs (with --include-crds), manifests sorted by
 * kind, then hooks (test hooks unless --skip-tests), then NOTES with --notes. Fails with ManifestInvalid
 * when a rendered document is not a YAML object.
 */
export const templateDocs = (r: Rendered, o: TemplateOutputOptions): E.Either<RenderError, OutputDoc[]> => {
  const sorted = sortManifests(r.files, helm4Rules, o.log)
  if (E.isLeft(sorted)) return E.left(manifestInvalid(sorted.left.path, sorted.left.reason))
  const docs: OutputDoc[] = []
  if (o.includeCrds) docs.push(...crdDocs(r.chart))
  for (const m of sorted.right.manifests) docs.push({ source: m.path, content: m.content })
  if (!o.noHooks)
    for (const h of sorted.right.hooks)
      if (!(o.skipTests && isTestHook(h))) docs.push({ source: h.path, content: h.manifest, afterManifest: true })
  if (o.notes && trimSpace(r.notes) !== '')
    docs.push({ source: `${r.chart.metadata.name}/templates/NOTES.txt`, content: r.notes, afterManifest: true })
  return E.right(docs)
}

const header = (d: OutputDoc): string => `---\n# Source: ${d.source}\n${d.content}\n`

/**
 * `helm template`'s stdout for the documents: each `---\n# Source: <path>\n<doc>\n`; with `--show-only`,
 * only documents whose path (after the chart name) matches one of the patterns, in output order
 * (`could not find template X in chart` when a pattern matches none).
 */
export const templateText = (
  docs: ReadonlyArray<OutputDoc>,
  showOnly: ReadonlyArray<string>,
): E.Either<RenderError, string> => {
  // Helm prints the release manifest (CRDs and manifests) trimmed, a newline, then each hook as it comes: with
  // no manifest at all the output starts with an empty line
  const manifest = docs
    .filter((d) => !d.afterManifest)
    .map(header)
    .join('')
  const after = docs
    .filter((d) => d.afterManifest)
    .map(header)
    .join('')
  if (showOnly.length === 0) return E.right(`${trimSpace(manifest)}\n${after}`)
  const pieces = splitManifests(docs.map(header).join(''))
  let out = ''
  for (const pattern of showOnly) {
    const match = compileGlob(pattern.replaceAll('\\', '/'))
    let found = false
    for (const piece of pieces) {
      const first = piece.split('\n', 1)[0]!
      if (!first.startsWith('# Source: ')) continue
      const src = first.slice('# Source: '.length)
      const slash = src.indexOf('/')
      if (slash < 0) continue
      if (!match?.(src.slice(slash + 1))) continue
      out += `---\n${piece}\n`
      found = true
    }
    if (!found) return E.left(showOnlyNotFound(pattern))
  }
  return E.right(out)
}

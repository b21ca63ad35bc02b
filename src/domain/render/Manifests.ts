import { parseDocument } from 'yaml'
import { helm4InstallOrder, sortByKind } from '../manifest/KindOrder'
import { renderedDocuments } from '../manifest/Documents'
import type { LogRecord } from '../values/LogRecord'
import { reindentQuotedContinuations } from './QuotedContinuation'

/** One rendered YAML document and the file it came from. */
export interface Manifest {
  readonly path: string
  readonly content: string
  readonly kind: string
  readonly name: string
}

/** A document annotated `helm.sh/hook` with at least one known event. */
export interface Hook extends Manifest {
  readonly events: ReadonlyArray<string>
  readonly weight: number
  readonly deletePolicies: ReadonlyArray<string>
}

const hookEvents = new Set([
  'pre-install',
  'post-install',
  'pre-delete',
  'post-delete',
  'pre-upgrade',
  'post-upgrade',
  'pre-rollback',
  'post-rollback',
  'test',
  'test-success',
])

/** A document Helm cannot read as an object head (`YAML parse error on <path>: <reason>`). */
export interface ManifestProblem {
  readonly path: string
  readonly reason: string
}

interface Head {
  readonly kind: string
  readonly name: string
  readonly annotations: Readonly<Record<string, string>>
}

const readHead = (doc: string): Head | string => {
  let v: unknown
  try {
    let d = parseDocument(doc, { version: '1.1', uniqueKeys: false })
    const repaired = d.errors.length > 0 ? reindentQuotedContinuations(doc) : undefined
    if (repaired !== undefined) {
      const again = parseDocument(repaired, { version: '1.1', uniqueKeys: false })
      if (again.errors.length === 0) d = again
    }
    const err = d.errors[0]
    if (err)
      return `error converting YAML to JSON: yaml: line ${err.linePos?.[0].line ?? 1}: ${err.message.split(' at line')[0]}`
    v = d.toJS({ maxAliasCount: 1000 })
  } catch (e) {
    return `error converting YAML to JSON: yaml: ${(e as Error).message.split('\n')[0]}`
  }
  if (v === null || v === undefined) return { kind: '', name: '', annotations: {} }
  if (typeof v !== 'object' || Array.isArray(v))
    return `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : 'string'} into Go value of type util.SimpleHead`
  const o = v as Record<string, unknown>
  const meta = (o.metadata ?? {}) as Record<string, unknown>
  const ann = (typeof meta === 'object' && meta !== null ? meta.annotations : undefined) ?? {}
  const annotations: Record<string, string> = {}
  if (typeof ann === 'object' && ann !== null && !Array.isArray(ann))
    for (const [k, val] of Object.entries(ann)) if (typeof val === 'string') annotations[k] = val
  return {
    kind: typeof o.kind === 'string' ? o.kind : '',
    name: typeof meta === 'object' && meta !== null && typeof meta.name === 'string' ? meta.name : '',
    annotations,
  }
}

const kindOf = (m: Manifest): string => m.kind

/**
 * Helm's SortManifests over `renderedDocuments(files)`: documents with a known `helm.sh/hook` become
 * hooks (unknown hook names are dropped, as Helm does, each logged to `log` as Helm 4 logs it), the rest
 * manifests; both sorted by kind in Helm 4's install order. Returns the first unreadable document as a problem.
 */
export const sortManifests = (
  files: ReadonlyMap<string, string>,
  log: (record: LogRecord) => void = () => undefined,
): { readonly hooks: Hook[]; readonly manifests: Manifest[] } | ManifestProblem => {
  const hooks: Hook[] = []
  const manifests: Manifest[] = []
  for (const { path, content } of renderedDocuments(files)) {
    const head = readHead(content)
    if (typeof head === 'string') return { path, reason: head }
    const hookAnn = head.annotations['helm.sh/hook']
    if (hookAnn === undefined) {
      manifests.push({ path, content, kind: head.kind, name: head.name })
      continue
    }
    const events = hookAnn.split(',').map((e) => e.trim().toLowerCase())
    if (events.some((e) => !hookEvents.has(e))) {
      log({ level: 'INFO', msg: 'skipping unknown hooks', attrs: [['hookTypes', hookAnn]] })
      continue
    }
    const weight = Number.parseInt(head.annotations['helm.sh/hook-weight'] ?? '0', 10)
    const deletePolicies = (head.annotations['helm.sh/hook-delete-policy'] ?? '')
      .split(',')
      .map((p) => p.trim().toLowerCase())
      .filter((p) => p !== '')
    hooks.push({
      path,
      content,
      kind: head.kind,
      name: head.name,
      events,
      weight: Number.isNaN(weight) ? 0 : weight,
      deletePolicies,
    })
  }
  return {
    hooks: sortByKind(hooks, kindOf, helm4InstallOrder),
    manifests: sortByKind(manifests, kindOf, helm4InstallOrder),
  }
}

/** True for a hook that runs on `helm test`. */
export const isTestHook = (h: Hook): boolean => h.events.some((e) => e === 'test' || e === 'test-success')

import * as E from 'fp-ts/Either'
import type { LogRecord } from '../values/LogRecord'
import { renderedDocuments } from './Documents'
import { readHead, type SimpleHead } from './Head'
import { type Hook, type HookEvent, helm4HookEvents, helmV2HookEvents, hookOf } from './Hook'
import { helm4InstallOrder, installOrder, sortByKind } from './KindOrder'

/** One rendered, non-hook document and the template it came from. */
export interface Manifest {
  /** Template path, `mychart/templates/deployment.yaml`. */
  readonly path: string
  readonly content: string
  readonly head: SimpleHead
}

/**
 * What differs between Helm v2's Tiller and Helm 4 when rendered templates are sorted: the kind order,
 * the known hook events, and whether hooks are kind-sorted too.
 */
export interface SortRules {
  readonly installOrder: ReadonlyArray<string>
  readonly hookEvents: Readonly<Record<string, HookEvent>>
  readonly sortHooks: boolean
}

/** Helm v2.17's Tiller (pkg/tiller/hooks.go sortManifests): v2's kind order, v2's events, hooks in file order. */
export const helmV2Rules: SortRules = { installOrder, hookEvents: helmV2HookEvents, sortHooks: false }

/** Helm 4 (`helm template`, releaseutil.SortManifests): Helm 4's kind order and events, hooks kind-sorted too. */
export const helm4Rules: SortRules = { installOrder: helm4InstallOrder, hookEvents: helm4HookEvents, sortHooks: true }

/** Rendered templates split into hooks and kind-sorted manifests. */
export interface SortedManifests {
  readonly hooks: ReadonlyArray<Hook>
  readonly manifests: ReadonlyArray<Manifest>
}

/** A document Helm cannot read as an object head (`YAML parse error on <path>: <reason>`). */
export interface ManifestProblem {
  readonly path: string
  readonly reason: string
}

/**
 * Helm's sortManifests over `renderedDocuments(files)` under `rules`: a document annotated `helm.sh/hook`
 * becomes a Hook, or is dropped when one of its events is unknown (logged to `log` as Helm 4 logs it); every
 * other document is a Manifest; manifests (and with Helm 4's rules, hooks) are sorted by kind. Fails with
 * the first document whose head Helm cannot read. `read` reads a head as `readHead` does (Tiller passes one that
 * also keeps the document's object for its apply).
 */
export const sortManifests = (
  files: ReadonlyMap<string, string>,
  rules: SortRules,
  log: (record: LogRecord) => void = () => undefined,
  read: (doc: string) => E.Either<string, SimpleHead> = readHead,
): E.Either<ManifestProblem, SortedManifests> => {
  const hooks: Hook[] = []
  const manifests: Manifest[] = []
  for (const { path, content } of renderedDocuments(files)) {
    const head = read(content)
    if (E.isLeft(head)) return E.left({ path, reason: head.left })
    const hook = hookOf(head.right, path, content, rules.hookEvents)
    if (hook === 'unknown') {
      const declared = head.right.metadata?.annotations?.['helm.sh/hook'] ?? ''
      log({ level: 'INFO', msg: 'skipping unknown hooks', attrs: [['hookTypes', declared]] })
    } else if (hook === undefined) manifests.push({ path, content, head: head.right })
    else hooks.push(hook)
  }
  return E.right({
    hooks: rules.sortHooks ? sortByKind(hooks, (h) => h.kind, rules.installOrder) : hooks,
    manifests: sortByKind(manifests, (m) => m.head.kind ?? '', rules.installOrder),
  })
}

/**
 * The release manifest text exactly as a Helm v2 Tiller stores it (pkg/tiller renderResources): for each manifest
 * `\n---\n# Source: <path>\n<content>`, the content trimmed, so the text starts with a newline and has none at the end.
 */
export const joinManifests = (ms: ReadonlyArray<Manifest>): string =>
  ms.map((m) => `\n---\n# Source: ${m.path}\n${m.content}`).join('')

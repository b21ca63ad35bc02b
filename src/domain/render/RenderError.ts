import { type GeneralError, generalMessages } from '../GeneralError'
import { defineMessages, messageWith } from '../Messages'
import { type EngineError, engineMessages } from '../template/EngineError'
import { type ValuesError, valuesMessages } from '../values/ValuesError'

/**
 * Errors of rendering a chart beyond its templates' own (those are template/EngineError); the CLI adds Helm's
 * "Use --debug flag" hint for the tags `renderHintTags` lists.
 */
export type RenderError =
  /** `tiller`: found by Tiller, worded as Helm v2's Tiller words it (release_server.go renderResources) */
  | {
      readonly _tag: 'KubeVersionIncompatible'
      readonly required: string
      readonly actual: string
      readonly tiller?: boolean
    }
  | { readonly _tag: 'InvalidKubeVersion'; readonly version: string; readonly reason: string }
  | { readonly _tag: 'ManifestInvalid'; readonly path: string; readonly reason: string }
  | { readonly _tag: 'ShowOnlyNotFound'; readonly template: string }

/** What rendering a chart can fail with: its values (coalescing, schema), its templates, and the checks above. */
export type RenderFailure = RenderError | EngineError | ValuesError | GeneralError

export const kubeVersionIncompatible = (required: string, actual: string, tiller = false): RenderError => ({
  _tag: 'KubeVersionIncompatible',
  required,
  actual,
  ...(tiller ? { tiller } : {}),
})
export const invalidKubeVersion = (version: string, reason: string): RenderError => ({
  _tag: 'InvalidKubeVersion',
  version,
  reason,
})
export const manifestInvalid = (path: string, reason: string): RenderError => ({
  _tag: 'ManifestInvalid',
  path,
  reason,
})
export const showOnlyNotFound = (template: string): RenderError => ({ _tag: 'ShowOnlyNotFound', template })

/** Tags after which `helm template` prints Helm's hint `Use --debug flag to render out invalid YAML`. */
export const renderHintTags: ReadonlySet<string> = new Set([
  'TemplateFailed',
  'RenderLimitExceeded',
  'KubeVersionIncompatible',
  'ManifestInvalid',
])

export const renderMessages = defineMessages<RenderError>({
  KubeVersionIncompatible: (e) =>
    e.tiller
      ? `Chart requires kubernetesVersion: ${e.required} which is incompatible with Kubernetes ${e.actual}`
      : `chart requires kubeVersion: ${e.required} which is incompatible with Kubernetes ${e.actual}`,
  InvalidKubeVersion: (e) => `invalid kube version '${e.version}': ${e.reason}`,
  ManifestInvalid: (e) => `YAML parse error on ${e.path}: ${e.reason}`,
  ShowOnlyNotFound: (e) => `could not find template ${e.template} in chart`,
})

/** The user-facing text of a render failure. */
export const renderFailureMessage: (e: RenderFailure) => string = messageWith<RenderFailure>({
  ...renderMessages,
  ...engineMessages,
  ...valuesMessages,
  ...generalMessages,
})

import { type ChartError, chartMessages } from './chart/ChartError'
import { type GeneralError, generalMessages } from './GeneralError'
import { type Messages, messageWith } from './Messages'
import { type OciError, ociMessages } from './oci/OciError'
import { type PathError, pathMessages } from './path/PathError'
import { type PluginError, pluginMessages } from './plugin/PluginError'
import { type KubeError, kubeMessages } from './release/KubeError'
import { type MigrationError, migrationMessages } from './release/MigrationError'
import { type ReleaseError, releaseMessages } from './release/ReleaseError'
import { type StoreError, storeMessages } from './release/StoreError'
import { type RenderError, renderMessages } from './render/RenderError'
import { type EngineError, engineMessages } from './template/EngineError'
import { type RepoError, repoMessages } from './repo/RepoError'
import { type SemverError, semverMessages } from './semver/SemverError'
import { type TransportError, transportMessages } from './transport/TransportError'
import { type ValuesError, valuesMessages } from './values/ValuesError'
import { type YamlError, yamlMessages } from './yaml/YamlError'

/**
 * Every failure a user can see, as one tagged union. Each area keeps its own part of the union next to
 * its messages (`src/domain/<area>/<Area>Error.ts`, built with `defineMessages`) and is joined here;
 * `message` gives the user-facing text, worded as Helm words it where Helm has a wording.
 */
export type HelmError =
  | GeneralError
  | YamlError
  | ChartError
  | ValuesError
  | SemverError
  | RepoError
  | StoreError
  | KubeError
  | ReleaseError
  | MigrationError
  | EngineError
  | RenderError
  | TransportError
  | PathError
  | OciError
  | PluginError

const messages: Messages<HelmError> = {
  ...generalMessages,
  ...yamlMessages,
  ...chartMessages,
  ...valuesMessages,
  ...semverMessages,
  ...repoMessages,
  ...storeMessages,
  ...kubeMessages,
  ...releaseMessages,
  ...migrationMessages,
  ...engineMessages,
  ...renderMessages,
  ...transportMessages,
  ...pathMessages,
  ...ociMessages,
  ...pluginMessages,
}

/** The user-facing text of an error (the CLI prints it after `Error: `). */
export const message: (e: HelmError) => string = messageWith(messages)

/**
 * A HelmError another process sent as JSON (Tiller's error trailer, see adapters/grpc): an object with a tag of
 * this union whose message can be formed from its fields; undefined for anything else (the caller falls back
 * to the server's text).
 */
export const helmErrorOfJson = (doc: unknown): HelmError | undefined => {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return undefined
  const tag = (doc as { readonly _tag?: unknown })._tag
  if (typeof tag !== 'string' || !Object.hasOwn(messages, tag)) return undefined
  try {
    const e = doc as HelmError
    return typeof message(e) === 'string' ? e : undefined
  } catch {
    return undefined
  }
}

import { defineMessages, messageWith } from '../Messages'

/**
 * Errors of reading YAML as Helm (yaml.v2 through ghodss/sigs.k8s.io yaml) reads it.
 * YamlParseError: malformed YAML, an alias bomb, or a value JSON cannot carry (NaN, Inf); `reason` is Go's whole
 * text (`yaml: line 2: did not find expected key`, `json: unsupported value: NaN`), `line`/`column` the 1-based
 * position of the problem for our own diagnostics.
 * YamlTypeError: well-formed YAML of the wrong shape (`reason` is Go's json unmarshal text).
 */
export type YamlError =
  | {
      readonly _tag: 'YamlParseError'
      readonly path: string
      readonly line: number
      readonly column: number
      readonly reason: string
    }
  | { readonly _tag: 'YamlTypeError'; readonly path: string; readonly reason: string }

export const yamlParseError = (path: string, line: number, column: number, reason: string): YamlError => ({
  _tag: 'YamlParseError',
  path,
  line,
  column,
  reason,
})
export const yamlTypeError = (path: string, reason: string): YamlError => ({ _tag: 'YamlTypeError', path, reason })

export const yamlMessages = defineMessages<YamlError>({
  YamlParseError: (e) => `${e.path}: ${e.reason}`,
  YamlTypeError: (e) => `${e.path}: ${e.reason}`,
})

/** The user-facing text of a YAML error. */
export const yamlMessage: (e: YamlError) => string = messageWith(yamlMessages)

/** The text Go gives for a YAML error, as Helm shows it after `error converting YAML to JSON: `. */
export const goYamlText = (e: YamlError): string => e.reason

import { defineMessages, messageWith } from '../Messages'

/**
 * Errors of reading YAML as Helm (yaml.v2 through ghodss/sigs.k8s.io yaml) reads it.
 * YamlParseError: malformed YAML, an alias bomb, or a value JSON cannot carry (NaN, Inf), at 1-based line/column.
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
  YamlParseError: (e) => `${e.path}: yaml: line ${e.line}, column ${e.column}: ${e.reason}`,
  YamlTypeError: (e) => `${e.path}: ${e.reason}`,
})

/** The user-facing text of a YAML error. */
export const yamlMessage: (e: YamlError) => string = messageWith(yamlMessages)

/**
 * The text Go's yaml.v2 gives for a YAML error, as Helm shows it after `error converting YAML to JSON: `:
 * `yaml: line N: reason`, `yaml: document contains excessive aliasing`, or the JSON step's own text.
 */
export const goYamlText = (e: YamlError): string =>
  e._tag === 'YamlTypeError' || e.reason.startsWith('json: ')
    ? e.reason
    : /excessive alias/i.test(e.reason)
      ? 'yaml: document contains excessive aliasing'
      : `yaml: line ${e.line}: ${e.reason}`

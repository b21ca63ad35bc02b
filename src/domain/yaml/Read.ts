import * as E from 'fp-ts/Either'
import type { GoMap, Value } from '../go/Value'
import { decodeYaml } from './Decode'
import { MAX_NODES, yamlNodeEstimate, yamlSizeReason } from './Depth'
import { plainBlockValues } from './PlainValues'
import { YamlFailure } from './Reader'
import { type YamlError, yamlParseError, yamlTypeError } from './YamlError'

/**
 * Parses the first YAML document of `text` the way Helm (yaml.v2 via sigs.k8s.io/yaml) does: YAML 1.1 booleans
 * (`yes/no/on/off/y/n`), `0755` octal, `1_000`, merge keys `<<`, last duplicate key wins, no timestamps,
 * every number a float64. Returns the value (null for an empty document); fails with YamlParseError carrying
 * Go's text on malformed YAML, alias bombs, and values JSON cannot carry (NaN, Inf).
 */
export const parseYamlDocument = (path: string, text: string): E.Either<YamlError, Value> =>
  parse(path, text, false, true)

/**
 * Like `parseYamlDocument`, but YAML integers come back as `GoInt` (int64) and floats as numbers, for
 * decoders that mirror ghodss's typed conversions (Chart.yaml: an int and a float in a string field
 * print differently). Errors: YamlParseError.
 */
export const parseYamlTyped = (path: string, text: string): E.Either<YamlError, Value> => {
  // Chart.yaml and requirements are plain block YAML as a rule: built line by line when that reading is sure
  const plain = plainBlockValues(text, true)
  return plain !== undefined ? E.right(plain) : parse(path, text, true, true)
}

/**
 * The value yaml.v2 decodes into `interface{}`, before any JSON step: ints as `GoInt`, floats as numbers with
 * NaN and ±Inf kept, for decoders that judge each field by its Go target as sigs.k8s.io/yaml does (a manifest's
 * head: `kind: .nan` is the string ".nan" there, while a NaN elsewhere fails). Errors: YamlParseError.
 */
export const parseYamlNode = (path: string, text: string): E.Either<YamlError, Value> => parse(path, text, true, false)

/**
 * Like `parseYamlDocument`, but a key given twice in one mapping is refused, as yaml.v2's `UnmarshalStrict`
 * refuses it (Helm v2 validates plugin.yaml so). Errors: YamlParseError.
 */
export const parseYamlStrict = (path: string, text: string): E.Either<YamlError, Value> =>
  parse(path, text, false, true, true)

const parse = (
  path: string,
  text: string,
  intAsBigInt: boolean,
  json: boolean,
  uniqueKeys = false,
): E.Either<YamlError, Value> => {
  if (text.length >= MAX_NODES && yamlNodeEstimate(text) > MAX_NODES)
    return E.left(yamlParseError(path, 1, 1, `yaml: ${yamlSizeReason}`))
  try {
    return E.right(decodeYaml(text, { intAsBigInt, keepNonFinite: !json, uniqueKeys }))
  } catch (e) {
    if (!(e instanceof YamlFailure)) throw e
    return E.left(yamlParseError(path, (e.mark?.line ?? 0) + 1, (e.mark?.column ?? 0) + 1, e.text))
  }
}

const goTypeName = (v: Value): string =>
  Array.isArray(v)
    ? 'array'
    : typeof v === 'string'
      ? 'string'
      : typeof v === 'number'
        ? 'number'
        : typeof v === 'boolean'
          ? 'bool'
          : 'value'

/**
 * Parses a values file (values.yaml, `-f`) as Helm's `chartutil.ReadValues` does: an empty or null
 * document is `{}`; a top-level non-map fails as ghodss fails. Errors: YamlParseError.
 */
export const parseYamlValues = (path: string, text: string): E.Either<YamlError, GoMap> => {
  // most values files are plain block YAML: built line by line when that reading is sure, else token by token
  const plain = plainBlockValues(text)
  return plain !== undefined ? E.right(plain) : readValues(path, text)
}

const readValues = (path: string, text: string): E.Either<YamlError, GoMap> =>
  E.chain((v: Value): E.Either<YamlError, GoMap> => {
    if (v === null || v === undefined) return E.right({})
    if (typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array)) return E.right(v as GoMap)
    return E.left(
      yamlTypeError(
        path,
        `error unmarshaling JSON: json: cannot unmarshal ${goTypeName(v)} into Go value of type map[string]interface {}`,
      ),
    )
  })(parseYamlDocument(path, text))

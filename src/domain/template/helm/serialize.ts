import * as E from 'fp-ts/Either'
import { generalMessage } from '../../GeneralError'
import type { YamlError } from '../../yaml/YamlError'
import { encodeYaml } from '../../yaml/Write'
import { parseYamlDocument } from '../../yaml/Read'
import { type GoFunc, type Value, GoError, isGoMap, isNil, withSignature } from '../../go/Value'
import { JsonError, decodeJson, marshalJson, marshalJsonIndent, marshalJsonRaw, unmarshalJson } from './json'
import { fromToml, toToml } from './toml'
import { toYamlPretty } from './yamlPretty'
import { charge } from '../../go/Budget'
import { yamlNodeEstimate } from '../../yaml/Depth'

type FuncMap = Record<string, GoFunc>

const want = (fn: string, args: ReadonlyArray<Value>, n: number): void => {
  if (args.length !== n) throw new GoError(`wrong number of args for ${fn}: want ${n} got ${args.length}`)
}
const str = (v: Value): string => {
  if (typeof v === 'string') return v
  if (isNil(v)) throw new GoError('invalid value; expected string')
  throw new GoError(`wrong type for value; expected string; got ${typeof v === 'number' ? 'float64' : typeof v}`)
}

const yamlText = (v: Value): E.Either<string, string> => E.mapLeft(generalMessage)(encodeYaml(v))

// The value sigs.k8s.io/yaml.Unmarshal gives: YAML → JSON → interface{}; Helm reports the error text.
// The YAML parser takes about a kilobyte per node: a running render is charged before it starts.
const parseYaml = (text: string): E.Either<string, Value> => {
  charge(yamlNodeEstimate(text) * 1024)
  return E.mapLeft((e: YamlError) => `error converting YAML to JSON: ${yamlReason(e)}`)(parseYamlDocument('', text))
}

// yaml.v2 words a syntax error "yaml: line N: <reason>" (our parser's reasons are its own)
const yamlReason = (e: YamlError): string => e.reason

const kindWord = (v: Value): string =>
  isNil(v)
    ? 'null'
    : Array.isArray(v)
      ? 'array'
      : isGoMap(v)
        ? 'object'
        : typeof v === 'string'
          ? 'string'
          : typeof v === 'boolean'
            ? 'bool'
            : 'number'

const cannotUnmarshal = (v: Value, into: string): string =>
  `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${kindWord(v)} into Go value of type ${into}`

const json =
  (name: string, f: (v: Value) => string, must: boolean): GoFunc =>
  (...a) => {
    want(name, a, 1)
    try {
      return f(a[0])
    } catch (e) {
      if (e instanceof JsonError) {
        if (must) throw new GoError(e.message)
        return ''
      }
      throw e
    }
  }

/**
 * Helm's serialisers (toYaml, toYamlPretty, fromYaml, fromYamlArray, toJson, fromJson, fromJsonArray,
 * toToml, fromToml and the must* variants that fail instead of returning "") plus Sprig's
 * toPrettyJson/toRawJson family, which share the Go JSON encoder.
 */
export const helmSerializers = (): FuncMap => {
  const funcs = serializers()
  // Helm's Go signatures: func(interface{}) string for the writers, func(string) for the readers
  for (const [name, fn] of Object.entries(funcs))
    withSignature(fn, [name.startsWith('from') || name === 'mustFromJson' ? 'string' : 'any'])
  return funcs
}

const serializers = (): FuncMap => ({
  toYaml: (...a) => {
    want('toYaml', a, 1)
    const r = yamlText(a[0])
    // Helm trims the final newline and swallows errors
    return E.isRight(r) ? r.right.replace(/\n$/, '') : ''
  },
  mustToYaml: (...a) => {
    want('mustToYaml', a, 1)
    const r = yamlText(a[0])
    if (E.isLeft(r)) throw new GoError(r.left)
    return r.right.replace(/\n$/, '')
  },
  toYamlPretty: (...a) => {
    want('toYamlPretty', a, 1)
    return toYamlPretty(a[0]).replace(/\n$/, '')
  },
  fromYaml: (...a) => {
    want('fromYaml', a, 1)
    const r = parseYaml(str(a[0]))
    if (E.isLeft(r)) return { Error: r.left }
    if (isNil(r.right)) return {}
    return isGoMap(r.right) ? r.right : { Error: cannotUnmarshal(r.right, 'map[string]interface {}') }
  },
  fromYamlArray: (...a) => {
    want('fromYamlArray', a, 1)
    const r = parseYaml(str(a[0]))
    if (E.isLeft(r)) return [r.left]
    if (isNil(r.right)) return []
    return Array.isArray(r.right) ? r.right : [cannotUnmarshal(r.right, '[]interface {}')]
  },
  toJson: json('toJson', marshalJson, false),
  mustToJson: json('mustToJson', marshalJson, true),
  toPrettyJson: json('toPrettyJson', marshalJsonIndent, false),
  mustToPrettyJson: json('mustToPrettyJson', marshalJsonIndent, true),
  toRawJson: json('toRawJson', marshalJsonRaw, false),
  mustToRawJson: json('mustToRawJson', marshalJsonRaw, true),
  fromJson: (...a) => {
    want('fromJson', a, 1)
    try {
      // json.Unmarshal keeps what it decoded when a number overflows; Helm adds the error under "Error"
      const { value: v, error } = decodeJson(str(a[0]))
      if (!isGoMap(v))
        return isNil(v)
          ? error === undefined
            ? {}
            : { Error: error }
          : { Error: `json: cannot unmarshal ${kindWord(v)} into Go value of type map[string]interface {}` }
      return error === undefined ? v : { ...v, Error: error }
    } catch (e) {
      if (e instanceof GoError) return { Error: e.message }
      throw e
    }
  },
  mustFromJson: (...a) => {
    want('mustFromJson', a, 1)
    return unmarshalJson(str(a[0]))
  },
  fromJsonArray: (...a) => {
    want('fromJsonArray', a, 1)
    try {
      const { value: v, error } = decodeJson(str(a[0]))
      if (!Array.isArray(v) && !isNil(v))
        return [`json: cannot unmarshal ${kindWord(v)} into Go value of type []interface {}`]
      return error !== undefined ? [error] : (v ?? [])
    } catch (e) {
      if (e instanceof GoError) return [e.message]
      throw e
    }
  },
  toToml: (...a) => {
    want('toToml', a, 1)
    const r = toToml(a[0])
    return E.isRight(r) ? r.right : r.left
  },
  mustToToml: (...a) => {
    want('mustToToml', a, 1)
    const r = toToml(a[0])
    if (E.isLeft(r)) throw new GoError(r.left)
    return r.right
  },
  fromToml: (...a) => {
    want('fromToml', a, 1)
    const r = fromToml(str(a[0]))
    return E.isRight(r) ? r.right : { Error: r.left }
  },
})

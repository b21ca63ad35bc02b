import * as E from 'fp-ts/Either'
import { type GeneralError, invalidArgument } from '../GeneralError'
import type { GoMap } from '../go/Value'
import { parseYamlValues } from '../yaml/Read'

/**
 * Parses a release Config's raw YAML (the user-supplied values Tiller stores; empty → {}) as Helm v2's
 * `chartutil.ReadValues` does: yaml.v2 through ghodss (YAML 1.1 booleans, `0755` octal, every number a float64),
 * bounded in size and depth by the reader itself. InvalidArgument with ghodss's words when it is not a YAML map.
 */
export const parseConfig = (raw: string | undefined): E.Either<GeneralError, GoMap> => {
  if (raw === undefined || raw.trim() === '') return E.right({})
  return E.mapLeft((e: { readonly _tag: string; readonly reason: string }) =>
    invalidArgument(e._tag === 'YamlParseError' ? `error converting YAML to JSON: ${e.reason}` : e.reason),
  )(parseYamlValues('', raw))
}

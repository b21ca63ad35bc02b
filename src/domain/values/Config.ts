import * as E from 'fp-ts/Either'
import { parse } from 'yaml'
import { type GeneralError, invalidArgument } from '../GeneralError'
import type { GoMap } from '../go/Value'
import { MAX_NODES, lineAt, yamlDepthReason, yamlNodeEstimate, yamlSizeReason, yamlTooDeep } from '../yaml/Depth'

/**
 * Parses a release Config's raw YAML (the user-supplied values Tiller stores; empty → {}).
 * InvalidArgument when it is not a YAML map, worded as Helm v2's `chartutil.ReadValues`.
 */
export const parseConfig = (raw: string | undefined): E.Either<GeneralError, GoMap> => {
  if (raw === undefined || raw.trim() === '') return E.right({})
  // values past the bounds of every decoded document are refused before the (recursive) parser runs
  if (yamlNodeEstimate(raw) > MAX_NODES)
    return E.left(invalidArgument(`error converting YAML to JSON: yaml: ${yamlSizeReason}`))
  const deep = yamlTooDeep(raw)
  if (deep !== undefined)
    return E.left(invalidArgument(`error converting YAML to JSON: yaml: line ${lineAt(raw, deep)}: ${yamlDepthReason}`))
  try {
    const v = parse(raw, { uniqueKeys: false, merge: true }) as unknown
    if (v === null || v === undefined) return E.right({})
    if (typeof v !== 'object' || Array.isArray(v))
      return E.left(invalidArgument(`error converting YAML to JSON: values are not a map`))
    return E.right(v as GoMap)
  } catch (err) {
    return E.left(
      invalidArgument(
        `error converting YAML to JSON: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
      ),
    )
  }
}

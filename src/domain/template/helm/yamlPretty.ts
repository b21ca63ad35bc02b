import { toYamlPrettyString } from '../../yaml/Write'
import type { Value } from '../../go/Value'

/** Helm's `toYamlPretty` text (with its final newline; the function trims it). */
export const toYamlPretty = (v: Value): string => toYamlPrettyString(v)

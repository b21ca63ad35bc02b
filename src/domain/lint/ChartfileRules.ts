import * as E from 'fp-ts/Either'
import { chartReadMessage } from '../chart/ChartError'
import { parseVersion, strictNewVersion } from '../semver/Version'
import { isGoInt, type Value } from '../go/Value'
import { parseYamlTyped } from '../yaml/Read'
import { decodeChartFile } from '../chart/ChartFile'
import { error, info, type LintMessage, warning } from './LintMessage'

const FILE = 'Chart.yaml'

// govalidator.IsEmail, approximated: local part, `@`, a dotted host.
const isEmail = (s: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s)

// govalidator.IsRequestURL: url.ParseRequestURI succeeds and there is a scheme.
const isRequestUrl = (s: string): boolean => {
  if (/\s/.test(s) || !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(s)) return false
  try {
    new URL(s)
    return true
  } catch {
    return false
  }
}

// govalidator.IsURL is lenient: a host-like text with an optional scheme passes.
const isUrl = (s: string): boolean => !/\s/.test(s) && s.length < 2083 && !s.startsWith('.')

// Helm 4 reads Chart.yaml through JSON, so every YAML number is a float64 there.
const goTypeOf = (v: Value): string =>
  typeof v === 'number' || isGoInt(v)
    ? 'float64'
    : typeof v === 'boolean'
      ? 'bool'
      : Array.isArray(v)
        ? '[]interface {}'
        : 'map[string]interface {}'

// The fields Helm 4's chart.Metadata knows (v2's `engine` and `tillerVersion` are not among them).
const METADATA_FIELDS: Record<string, Record<string, unknown> | true> = {
  name: true,
  home: true,
  sources: true,
  version: true,
  description: true,
  keywords: true,
  icon: true,
  apiVersion: true,
  condition: true,
  tags: true,
  appVersion: true,
  deprecated: true,
  annotations: true,
  kubeVersion: true,
  type: true,
  maintainers: { name: true, email: true, url: true },
  dependencies: {
    name: true,
    version: true,
    repository: true,
    condition: true,
    tags: true,
    enabled: true,
    'import-values': true,
    alias: true,
  },
}

// encoding/json with DisallowUnknownFields stops at the first unknown key, reading keys in sorted order.
const firstUnknownField = (doc: Record<string, Value>, fields: Record<string, unknown>): string | undefined => {
  for (const key of Object.keys(doc).sort()) {
    const known = fields[key]
    if (known === undefined) return key
    const v = doc[key]
    if (known !== true && Array.isArray(v))
      for (const item of v)
        if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
          const inner = firstUnknownField(item as Record<string, Value>, known as Record<string, unknown>)
          if (inner !== undefined) return inner
        }
  }
  return undefined
}

/**
 * Helm 4's Chart.yaml lint rules, in Helm's order: YAML format, strict fields, name, apiVersion, version and
 * appVersion types, SemVer version, maintainers, sources, icon, type, v1 dependencies, strict SemVer v2.
 */
export const lintChartfile = (text: string): ReadonlyArray<LintMessage> => {
  const raw = parseYamlTyped(FILE, text)
  const decoded = decodeChartFile(FILE, text)
  if (E.isLeft(raw) || E.isLeft(decoded)) {
    const err = E.isLeft(raw) ? raw.left : E.isLeft(decoded) ? decoded.left : undefined
    return err ? [error(FILE, `unable to parse YAML\n\t${chartReadMessage(err)}`)] : []
  }
  const doc = (raw.right ?? {}) as Record<string, Value>
  const m = decoded.right
  const out: LintMessage[] = []
  const unknown = firstUnknownField(doc, METADATA_FIELDS)
  if (unknown !== undefined)
    out.push(
      warning(
        FILE,
        `failed to strictly parse chart metadata file\n\terror unmarshaling JSON: while decoding JSON: json: unknown field ${JSON.stringify(unknown)}`,
      ),
    )
  if (!m.name) out.push(error(FILE, 'name is required'))
  const api = doc.apiVersion
  if (api === undefined || api === null || api === '')
    out.push(error(FILE, 'apiVersion is required. The value must be either "v1" or "v2"'))
  else if (m.apiVersion !== 'v1' && m.apiVersion !== 'v2')
    out.push(error(FILE, `apiVersion '${m.apiVersion}' is not valid. The value must be either "v1" or "v2"`))
  for (const key of ['version', 'appVersion'] as const) {
    const v = doc[key]
    if (v !== undefined && v !== null && typeof v !== 'string')
      out.push(error(FILE, `${key} should be of type string but it's of type ${goTypeOf(v)}`))
    if (key === 'version') {
      if (!m.version) out.push(error(FILE, 'version is required'))
      else if (E.isLeft(parseVersion(m.version))) out.push(error(FILE, `version '${m.version}' is not a valid SemVer`))
    }
  }
  for (const mt of m.maintainers ?? []) {
    if (!mt.name) out.push(error(FILE, 'each maintainer requires a name'))
    else if (mt.email && !isEmail(mt.email))
      out.push(error(FILE, `invalid email '${mt.email}' for maintainer '${mt.name}'`))
    else if (mt.url && !isUrl(mt.url)) out.push(error(FILE, `invalid url '${mt.url}' for maintainer '${mt.name}'`))
  }
  for (const s of m.sources ?? []) if (!isRequestUrl(s)) out.push(error(FILE, `invalid source URL '${s}'`))
  if (!m.icon) out.push(info(FILE, 'icon is recommended'))
  else if (!isRequestUrl(m.icon)) out.push(error(FILE, `invalid icon URL '${m.icon}'`))
  if (m.apiVersion === 'v1' && m.type)
    out.push(error(FILE, "chart type is not valid in apiVersion 'v1'. It is valid in apiVersion 'v2'"))
  if (m.apiVersion === 'v1' && m.dependencies?.length)
    out.push(
      error(
        FILE,
        "dependencies are not valid in the Chart file with apiVersion 'v1'. They are valid in apiVersion 'v2'",
      ),
    )
  if (m.version && typeof strictNewVersion(m.version) === 'string')
    out.push(warning(FILE, `version '${m.version}' is not a valid SemVerV2`))
  return out
}

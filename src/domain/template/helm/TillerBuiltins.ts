// The objects only a Helm v2 Tiller gives templates: `.Capabilities.TillerVersion` (a *version.Version, the
// generated hapi.version message) and `.Release.Time` (a *timestamp.Timestamp). Both are golang/protobuf v1
// messages: `{{ . }}` prints them through their String(), proto.CompactTextString, which writes each
// non-zero field as `name:value ` (a trailing space included) and leaves zero fields out.
import type { GoFunc, GoStruct, Value } from '../../go/Value'
import { int64, GoInt } from '../../go/Value'

/** Tiller's version as GetVersion reports it. */
export interface VersionInfo {
  readonly semVer: string
  readonly gitCommit: string
  readonly gitTreeState: string
}

// protobuf's text-format string: its own escapes, other bytes outside printable ASCII as octal
const protoQuote = (s: string): string => {
  let out = '"'
  for (const b of new TextEncoder().encode(s)) {
    if (b === 0x22) out += '\\"'
    else if (b === 0x5c) out += '\\\\'
    else if (b === 0x0a) out += '\\n'
    else if (b === 0x0d) out += '\\r'
    else if (b === 0x09) out += '\\t'
    else if (b < 0x20 || b >= 0x7f) out += `\\${b.toString(8).padStart(3, '0')}`
    else out += String.fromCharCode(b)
  }
  return `${out}"`
}

const compactText = (fields: ReadonlyArray<readonly [string, string]>): string =>
  fields
    .filter(([, v]) => v !== '' && v !== '0')
    .map(([k, v]) => `${k}:${v} `)
    .join('')

const message = (
  goType: string,
  fields: Readonly<Record<string, Value>>,
  getters: Readonly<Record<string, GoFunc>>,
  text: () => string,
  json: () => Value,
): GoStruct => {
  const methods: Record<string, GoFunc> = { ...getters, String: text, MarshalJSON: json }
  return {
    goType,
    field: (name) => (Object.hasOwn(fields, name) ? { value: fields[name]! } : undefined),
    method: (name) => (Object.hasOwn(methods, name) ? methods[name] : undefined),
    format: text,
  }
}

/**
 * The `*version.Version` Helm v2 hands templates (`.Capabilities.TillerVersion`, `helm version --template`):
 * fields SemVer / GitCommit / GitTreeState, the generated getters, printing as
 * `sem_ver:"v2.17.0" git_commit:"…" git_tree_state:"clean" `.
 */
export const versionObject = (v: VersionInfo): GoStruct => {
  const text = (): string =>
    compactText(
      (
        [
          ['sem_ver', v.semVer],
          ['git_commit', v.gitCommit],
          ['git_tree_state', v.gitTreeState],
        ] as const
      ).map(([k, x]) => [k, x === '' ? '' : protoQuote(x)] as const),
    )
  const json = (): Value => {
    const out: Record<string, Value> = {}
    if (v.semVer) out.sem_ver = v.semVer
    if (v.gitCommit) out.git_commit = v.gitCommit
    if (v.gitTreeState) out.git_tree_state = v.gitTreeState
    return out
  }
  return message(
    '*version.Version',
    { SemVer: v.semVer, GitCommit: v.gitCommit, GitTreeState: v.gitTreeState },
    { GetSemVer: () => v.semVer, GetGitCommit: () => v.gitCommit, GetGitTreeState: () => v.gitTreeState },
    text,
    json,
  )
}

/** `.Release.Time` in Helm v2: a `*timestamp.Timestamp` (Seconds int64, Nanos int32), printing as `seconds:… nanos:… `. */
export const timestampObject = (at: Date): GoStruct => {
  const ms = at.getTime()
  const seconds = Math.floor(ms / 1000)
  const nanos = (ms - seconds * 1000) * 1_000_000
  const nanosInt = new GoInt(BigInt(nanos), 'int32')
  return message(
    '*timestamp.Timestamp',
    { Seconds: int64(seconds), Nanos: nanosInt },
    { GetSeconds: () => int64(seconds), GetNanos: () => nanosInt },
    () =>
      compactText([
        ['seconds', String(seconds)],
        ['nanos', String(nanos)],
      ]),
    () => ({ ...(seconds !== 0 ? { seconds: int64(seconds) } : {}), ...(nanos !== 0 ? { nanos: nanosInt } : {}) }),
  )
}

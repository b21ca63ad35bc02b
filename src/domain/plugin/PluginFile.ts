import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as t from 'io-ts'
import { GoBool, GoString, nullable } from '../chart/GoString'
import type { Value } from '../go/Value'
import { firstProblem } from '../repo/Decode'
import { parseYamlStrict } from '../yaml/Read'
import { invalidPluginFile, invalidPluginName, type PluginError } from './PluginError'

/** One entry of `platformCommand` / `platformHooks` (Helm 3): a command for an OS and architecture (Go's names). */
export interface PlatformCommand {
  readonly os: string
  readonly arch: string
  readonly command: string
  readonly args: ReadonlyArray<string>
}

/** A `downloaders` entry: the program that fetches URLs of its `protocols` (schemes). */
export interface Downloader {
  readonly command: string
  readonly protocols: ReadonlyArray<string>
}

/** plugin.yaml as Helm v2 reads it (pkg/plugin.Metadata), with Helm 3's `platformCommand` and `platformHooks`. */
export interface PluginMetadata {
  readonly name: string
  readonly version: string
  readonly usage: string
  readonly description: string
  readonly command: string
  readonly platformCommand: ReadonlyArray<PlatformCommand>
  readonly ignoreFlags: boolean
  readonly useTunnel: boolean
  /** event (`install`, `update`, `delete`) → a line `sh -c` runs */
  readonly hooks: Readonly<Record<string, string>>
  readonly platformHooks: Readonly<Record<string, ReadonlyArray<PlatformCommand>>>
  readonly downloaders: ReadonlyArray<Downloader>
}

/** The name of a plugin's manifest in its folder. */
export const PLUGIN_FILE = 'plugin.yaml'

// Helm v2's docs: "name must be restricted to the characters ASCII a-z, A-Z, 0-9, _ and -" (Helm 3 enforces it)
const validName = /^[A-Za-z0-9_-]+$/

/** True when `name` is a plugin name v2's rules allow. */
export const isPluginName = (name: string): boolean => validName.test(name)

const strings = nullable(t.array(GoString))
const PlatformCommandC = t.exact(
  t.partial({ os: nullable(GoString), arch: nullable(GoString), command: nullable(GoString), args: strings }),
)
const platformCommands = nullable(t.array(PlatformCommandC))
const DownloaderC = t.exact(t.partial({ command: nullable(GoString), protocols: strings }))
const MetadataC = t.exact(
  t.partial({
    name: nullable(GoString),
    version: nullable(GoString),
    usage: nullable(GoString),
    description: nullable(GoString),
    command: nullable(GoString),
    platformCommand: platformCommands,
    ignoreFlags: nullable(GoBool),
    useTunnel: nullable(GoBool),
    hooks: nullable(t.record(t.string, nullable(GoString))),
    platformHooks: nullable(t.record(t.string, platformCommands)),
    downloaders: nullable(t.array(DownloaderC)),
  }),
)

// yaml.v2's UnmarshalStrict (v2's validateMeta) refuses a key that is no field of its Go type, at any depth
const fields: Readonly<Record<string, ReadonlyArray<string>>> = {
  '': [
    'name',
    'version',
    'usage',
    'description',
    'command',
    'platformCommand',
    'ignoreFlags',
    'useTunnel',
    'hooks',
    'platformHooks',
    'downloaders',
  ],
  platformCommand: ['os', 'arch', 'command', 'args'],
  platformHooks: ['os', 'arch', 'command', 'args'],
  downloaders: ['command', 'protocols'],
}

const isMap = (v: unknown): v is Record<string, Value> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array)

/** The line where a key is first written (for the error), when it can be found. */
const lineOf = (text: string, key: string): string => {
  const at = text
    .split('\n')
    .findIndex((l) => new RegExp(`^\\s*(- )?\\s*["']?${key.replace(/\W/g, '\\$&')}["']?\\s*:`).test(l))
  return at < 0 ? '' : `line ${at + 1}: `
}

const unknownField = (doc: Value, text: string): string | undefined => {
  const check = (v: unknown, known: ReadonlyArray<string>, where: string): string | undefined => {
    if (!isMap(v)) return undefined
    const bad = Object.keys(v).find((k) => !known.includes(k))
    return bad === undefined ? undefined : `${lineOf(text, bad)}field ${bad} not found in ${where}`
  }
  const top = check(doc, fields[''] as ReadonlyArray<string>, 'plugin.yaml')
  if (top !== undefined || !isMap(doc)) return top
  const entries = (key: string): unknown[] => (Array.isArray(doc[key]) ? (doc[key] as unknown[]) : [])
  for (const key of ['platformCommand', 'downloaders'])
    for (const e of entries(key)) {
      const bad = check(e, fields[key] as ReadonlyArray<string>, `an entry of ${key}`)
      if (bad !== undefined) return bad
    }
  const hooks = doc.platformHooks
  if (isMap(hooks))
    for (const [event, list] of Object.entries(hooks))
      for (const e of Array.isArray(list) ? list : []) {
        const bad = check(e, fields.platformHooks as ReadonlyArray<string>, `an entry of platformHooks.${event}`)
        if (bad !== undefined) return bad
      }
  return undefined
}

const platform = (p: t.TypeOf<typeof PlatformCommandC>): PlatformCommand => ({
  os: p.os ?? '',
  arch: p.arch ?? '',
  command: p.command ?? '',
  args: p.args ?? [],
})

/**
 * Decodes the plugin.yaml at `path` (its text): strictly, as Helm v2's validateMeta (a duplicate key, an unknown
 * field or a value of the wrong type is refused), then as ghodss/yaml fills pkg/plugin.Metadata (a number in a
 * string field reads as Go prints it). Left InvalidPluginFile naming the file and the line or key;
 * InvalidPluginName when the name breaks v2's rules.
 */
export const decodePluginFile = (path: string, text: string): E.Either<PluginError, PluginMetadata> =>
  pipe(
    parseYamlStrict(path, text),
    E.mapLeft((e) =>
      invalidPluginFile(
        path,
        e._tag === 'YamlParseError' ? `yaml: line ${e.line}, column ${e.column}: ${e.reason}` : e.reason,
      ),
    ),
    E.chain((doc) => {
      const v = doc ?? {}
      const unknown = unknownField(v, text)
      if (unknown !== undefined) return E.left(invalidPluginFile(path, unknown))
      return pipe(
        MetadataC.decode(v),
        E.mapLeft((errs) => invalidPluginFile(path, firstProblem(errs))),
      )
    }),
    E.map(
      (m): PluginMetadata => ({
        name: m.name ?? '',
        version: m.version ?? '',
        usage: m.usage ?? '',
        description: m.description ?? '',
        command: m.command ?? '',
        platformCommand: (m.platformCommand ?? []).map(platform),
        ignoreFlags: m.ignoreFlags ?? false,
        useTunnel: m.useTunnel ?? false,
        hooks: Object.fromEntries(Object.entries(m.hooks ?? {}).map(([k, h]) => [k, h ?? ''])),
        platformHooks: Object.fromEntries(
          Object.entries(m.platformHooks ?? {}).map(([k, list]) => [k, (list ?? []).map(platform)]),
        ),
        downloaders: (m.downloaders ?? []).map((d) => ({ command: d.command ?? '', protocols: d.protocols ?? [] })),
      }),
    ),
    E.chain((m) => (isPluginName(m.name) ? E.right(m) : E.left(invalidPluginName(path, m.name)))),
  )

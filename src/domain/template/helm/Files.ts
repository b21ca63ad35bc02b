import type { ChartFile } from '../../chart/Chart'
import { type GoFunc, type GoStruct, type Value, GoError, compareBytes } from '../gotpl/value'
import { compileGlob } from './Glob'

/** How the `.Files` helpers serialise a map (Helm's toYAML: sigs.k8s.io/yaml, trailing newline removed). */
export type MapToYaml = (m: Readonly<Record<string, string>>) => string

const basename = (p: string): string => p.slice(p.lastIndexOf('/') + 1)
const utf8 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8')

const arity = (name: string, args: ReadonlyArray<Value>, n: number): void => {
  if (args.length !== n) throw new GoError(`wrong number of args for ${name}: want ${n} got ${args.length}`)
}
const stringArg = (name: string, v: Value): string => {
  if (typeof v !== 'string') throw new GoError(`wrong type for value; expected string; got ${v === null || v === undefined ? '<nil>' : typeof v}`)
  return v
}

/**
 * Helm's `.Files` object (engine.files, a map of path → bytes) over the chart's non-template files:
 * `Get`, `GetBytes` (missing → empty), `Glob` (another files object), `Lines` (one trailing newline
 * dropped), `AsConfig` (base names → text, as YAML) and `AsSecrets` (base names → base64, as YAML).
 */
export const filesObject = (files: ReadonlyMap<string, Uint8Array>, toYaml: MapToYaml): GoStruct => {
  const sortedPaths = (): string[] => [...files.keys()].sort(compareBytes)
  const methods: Record<string, GoFunc> = {
    Get: (...a) => {
      arity('Get', a, 1)
      const b = files.get(stringArg('Get', a[0]))
      return b ? utf8(b) : ''
    },
    GetBytes: (...a) => {
      arity('GetBytes', a, 1)
      return files.get(stringArg('GetBytes', a[0])) ?? new Uint8Array(0)
    },
    Glob: (...a) => {
      arity('Glob', a, 1)
      const match = compileGlob(stringArg('Glob', a[0])) ?? (() => true)
      const picked = new Map<string, Uint8Array>()
      for (const p of sortedPaths()) if (match(p)) picked.set(p, files.get(p)!)
      return filesObject(picked, toYaml)
    },
    Lines: (...a) => {
      arity('Lines', a, 1)
      const b = files.get(stringArg('Lines', a[0]))
      if (!b) return []
      let s = utf8(b)
      if (s.endsWith('\n')) s = s.slice(0, -1)
      return s.split('\n')
    },
    AsConfig: (...a) => {
      arity('AsConfig', a, 0)
      const m: Record<string, string> = {}
      for (const p of sortedPaths()) m[basename(p)] = utf8(files.get(p)!)
      return toYaml(m)
    },
    AsSecrets: (...a) => {
      arity('AsSecrets', a, 0)
      const m: Record<string, string> = {}
      for (const p of sortedPaths()) m[basename(p)] = Buffer.from(files.get(p)!).toString('base64')
      return toYaml(m)
    },
  }
  return {
    goType: 'engine.files',
    // engine.files is a Go map: `.Files.x` reads key x, a missing key gives an empty []byte.
    field: (name) => ({ value: files.get(name) ?? new Uint8Array(0) }),
    method: (name) => methods[name],
    format: () => `map[${sortedPaths().map((p) => `${p}:[${[...files.get(p)!].join(' ')}]`).join(' ')}]`,
    toPlain: () => Object.fromEntries(sortedPaths().map((p) => [p, utf8(files.get(p)!)])),
  } as GoStruct
}

/** The files a chart exposes through `.Files` (Helm gives every file except Chart.yaml, values, templates/ and charts/). */
export const chartFilesMap = (files: ReadonlyArray<ChartFile>): Map<string, Uint8Array> => new Map(files.map((f) => [f.path, f.data]))

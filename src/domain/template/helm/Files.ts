import type { ChartFile } from '../../chart/Chart'
import { type GoFunc, type GoMap, type Value, compareBytes, withMethods, withSignature } from '../../go/Value'
import { compileGlob } from './Glob'

/** How the `.Files` helpers serialise a map (Helm's toYAML: sigs.k8s.io/yaml, trailing newline removed). */
export type MapToYaml = (m: Readonly<Record<string, string>>) => string

const basename = (p: string): string => p.slice(p.lastIndexOf('/') + 1)
const utf8 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8')

/**
 * Helm's `.Files` object (engine.files, a map of path → bytes, so `range` visits it in path order) over the
 * chart's non-template files, with the methods `Get`, `GetBytes` (missing → empty), `Glob` (another files
 * object), `Lines` (one trailing newline dropped), `AsConfig` (base names → text, as YAML) and `AsSecrets`
 * (base names → base64, as YAML).
 */
export const filesObject = (files: ReadonlyMap<string, Uint8Array>, toYaml: MapToYaml): GoMap => {
  const sortedPaths = (): string[] => [...files.keys()].sort(compareBytes)
  const one = (f: (path: string) => Value): GoFunc => withSignature((...a: Value[]) => f(a[0] as string), ['string'])
  const none = (f: () => Value): GoFunc => withSignature(() => f(), [])
  const methods: Record<string, GoFunc> = {
    Get: one((p) => {
      const b = files.get(p)
      return b ? utf8(b) : ''
    }),
    GetBytes: one((p) => files.get(p) ?? new Uint8Array(0)),
    Glob: one((pattern) => {
      const match = compileGlob(pattern) ?? (() => true)
      const picked = new Map<string, Uint8Array>()
      for (const p of sortedPaths()) if (match(p)) picked.set(p, files.get(p)!)
      return filesObject(picked, toYaml)
    }),
    Lines: one((p) => {
      const b = files.get(p)
      if (!b || b.length === 0) return []
      let s = utf8(b)
      if (s.endsWith('\n')) s = s.slice(0, -1)
      return s.split('\n')
    }),
    AsConfig: none(() => {
      const m: Record<string, string> = {}
      for (const p of sortedPaths()) m[basename(p)] = utf8(files.get(p)!)
      return toYaml(m)
    }),
    AsSecrets: none(() => {
      const m: Record<string, string> = {}
      for (const p of sortedPaths()) m[basename(p)] = Buffer.from(files.get(p)!).toString('base64')
      return toYaml(m)
    }),
  }
  const map: GoMap = {}
  for (const p of sortedPaths()) map[p] = files.get(p)!
  return withMethods(map, methods)
}

/** The files a chart exposes through `.Files` (Helm gives every file except Chart.yaml, values, templates/ and charts/). */
export const chartFilesMap = (files: ReadonlyArray<ChartFile>): Map<string, Uint8Array> =>
  new Map(files.map((f) => [f.path, f.data]))

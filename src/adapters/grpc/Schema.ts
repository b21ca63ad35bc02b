// Where the hapi schema is, without loading protobufjs: the client reads the compiled schema (dist/hapi.json)
// and walks it itself (WireCodec.ts); only Tiller and the source tree's fallback parse proto/hapi (Proto.ts).
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The folder holding `hapi/**.proto`: the nearest `proto/` above this module (source tree or bundle). */
export const protoDir = (): string => {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const candidate = join(dir, 'proto')
    if (existsSync(join(candidate, 'hapi', 'services', 'tiller.proto'))) return candidate
    const up = dirname(dir)
    if (up === dir) throw new Error('proto/hapi not found next to the wheelhouse installation')
    dir = up
  }
}

/** The schema scripts/build.mjs wrote next to the bundles (dist/hapi.json), when this module runs from one. */
export const compiledSchema = (): Record<string, unknown> | undefined => {
  const file = join(dirname(fileURLToPath(import.meta.url)), 'hapi.json')
  const up = join(dirname(fileURLToPath(import.meta.url)), '..', 'hapi.json')
  for (const f of [file, up])
    try {
      return JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>
    } catch {}
  return undefined
}

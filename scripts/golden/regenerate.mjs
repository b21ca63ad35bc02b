// Regenerates the golden outputs of test/fixtures/golden/charts/*/ with the REAL Helm binary (the judge):
// for each chart and each case of its golden/cases.json, runs `helm template golden <chart> <args>` and writes
// golden/<case>.stdout and golden/<case>.stderr (from the first "Error:" line on; Helm's log lines dropped).
// Usage: node scripts/golden/regenerate.mjs [CHART...]   (HELM_REFERENCE overrides the binary's path)
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = new URL('../../test/fixtures/golden/charts/', import.meta.url).pathname
const candidates = [process.env.HELM_REFERENCE, '.cache/helm/helm', '/tmp/helm-conformance/bin/helm'].filter(Boolean)
const helm = candidates.find((p) => existsSync(p))
if (!helm) {
  console.error(
    `no reference helm found (tried ${candidates.join(', ')}); run scripts/reference-helm.mjs or set HELM_REFERENCE`,
  )
  process.exit(1)
}
const home = mkdtempSync(join(tmpdir(), 'golden-helm-'))
const env = {
  PATH: process.env.PATH,
  HOME: home,
  KUBECONFIG: join(home, 'kubeconfig-none'),
  HELM_CACHE_HOME: join(home, 'cache'),
  HELM_CONFIG_HOME: join(home, 'config'),
  HELM_DATA_HOME: join(home, 'data'),
}
const only = process.argv.slice(2)
for (const chart of readdirSync(root).sort()) {
  if (only.length > 0 && !only.includes(chart)) continue
  const dir = join(root, chart)
  const cases = JSON.parse(readFileSync(join(dir, 'golden/cases.json'), 'utf8'))
  for (const c of cases) {
    const r = spawnSync(helm, ['template', 'golden', dir, ...c.args], { env, encoding: 'utf8' })
    const errAt = r.stderr.indexOf('Error:')
    writeFileSync(join(dir, `golden/${c.name}.stdout`), r.stdout)
    writeFileSync(join(dir, `golden/${c.name}.stderr`), errAt >= 0 ? r.stderr.slice(errAt) : '')
    console.log(`${chart}/${c.name}: exit ${r.status}${errAt >= 0 ? ` ${r.stderr.slice(errAt).split('\n')[0]}` : ''}`)
  }
}

// Regenerates the expected outputs of the Sprig / Helm-serialiser golden cases from the REAL Helm binary.
// Each test/fixtures/golden/sprig/<family>.cases.json holds { values, cases: [[name, template]], errors: [[name, template]] };
// this writes <family>.expected.json = { cases: {name: output}, errors: {name: first stderr line} }.
// Usage: node scripts/golden/sprig.mjs [family ...]   (HELM=/path/to/helm, default /tmp/helm-conformance/bin/helm)
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const HELM = process.env.HELM ?? '/tmp/helm-conformance/bin/helm'
const DIR = 'test/fixtures/golden/sprig'
const MARK = '@@@CASE '

// NOTES.txt is printed verbatim by `install --dry-run=client` (templates would be parsed as YAML).
const render = (values, notes) => {
  const dir = mkdtempSync(join(tmpdir(), 'golden-sprig-'))
  try {
    mkdirSync(join(dir, 'templates'))
    writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: golden\nversion: 0.1.0\n')
    writeFileSync(
      join(dir, 'values.yaml'),
      JSON.stringify(values ?? {}).replace(
        /[\u007f-\u009f\u2028\u2029\ufeff]/g,
        (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
      ),
    )
    writeFileSync(join(dir, 'templates', 'NOTES.txt'), notes)
    try {
      const out = execFileSync(HELM, ['install', 'golden', dir, '--dry-run=client'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      const at = out.indexOf('NOTES:\n')
      return { ok: true, text: out.slice(at + 'NOTES:\n'.length) }
    } catch (e) {
      return { ok: false, text: String(e.stderr).split('\n\n')[0].trim() }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const families =
  process.argv.slice(2).length > 0
    ? process.argv.slice(2)
    : readdirSync(DIR)
        .filter((f) => f.endsWith('.cases.json'))
        .map((f) => f.replace('.cases.json', ''))
for (const family of families) {
  const spec = JSON.parse(readFileSync(join(DIR, `${family}.cases.json`), 'utf8'))
  const notes = spec.cases.map(([name, tpl]) => `${MARK}${name}@@@\n${tpl}`).join('\n') + '\n' + MARK + 'END@@@\n'
  const r = render(spec.values, notes)
  if (!r.ok) throw new Error(`${family}: the cases failed to render: ${r.text}`)
  const cases = {}
  const parts = r.text.split(MARK).slice(1)
  for (const part of parts) {
    const nl = part.indexOf('@@@\n')
    const name = part.slice(0, nl)
    if (name === 'END') continue
    cases[name] = part.slice(nl + 4).replace(/\n$/, '')
  }
  const errors = {}
  for (const [name, tpl] of spec.errors ?? []) {
    const e = render(spec.values, tpl)
    errors[name] = e.ok ? { rendered: e.text } : e.text
  }
  writeFileSync(join(DIR, `${family}.expected.json`), JSON.stringify({ cases, errors }, null, 1) + '\n')
  console.log(`${family}: ${Object.keys(cases).length} cases, ${Object.keys(errors).length} errors`)
}

// Regenerates golden.json from cases.mjs with the real Helm binary (never our engine).
// usage: node test/domain/template/gotpl/golden/gen.mjs [path-to-helm]
import { cases, errors, values } from './cases.mjs'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { tmpdir } from 'node:os'
import { fileURLToPath } from 'node:url'

const helm = process.argv[2] ?? '/tmp/helm-conformance/bin/helm'
const here = dirname(fileURLToPath(import.meta.url))

const chart = (files) => {
  const dir = mkdtempSync(join(tmpdir(), 'gotpl-golden-'))
  const c = join(dir, 'c')
  mkdirSync(join(c, 'templates'), { recursive: true })
  mkdirSync(join(c, 'cases'), { recursive: true })
  writeFileSync(join(c, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n')
  writeFileSync(join(c, 'values.yaml'), JSON.stringify(values))
  for (const [p, text] of Object.entries(files)) writeFileSync(join(c, p), text)
  return { dir, c }
}
const run = (c) => {
  try {
    return { out: execFileSync(helm, ['template', 'x', c], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) }
  } catch (e) {
    return {
      err: e.stderr
        .replace(/\n\nUse --debug flag.*\n$/s, '')
        .replace(/^Error: /, '')
        .trimEnd(),
    }
  }
}

const golden = []
// success cases: each case file is rendered by `tpl` into an indented block scalar, then unindented
{
  const files = {}
  cases.forEach(([, , text], i) => {
    files[`cases/${i}.txt`] = text
    files[`templates/case${i}.yaml`] = `out: |2-\n{{ tpl (.Files.Get "cases/${i}.txt") . | indent 2 }}|END\n`
  })
  const { dir, c } = chart(files)
  const { out, err } = run(c)
  rmSync(dir, { recursive: true })
  if (err) throw new Error(err)
  const docs = out.split(/^---\n# Source: c\/templates\/case(\d+)\.yaml\n/m)
  const byIndex = new Map()
  for (let k = 1; k < docs.length; k += 2) byIndex.set(Number(docs[k]), docs[k + 1])
  cases.forEach(([suite, name, template], i) => {
    const doc = byIndex.get(i)
    if (doc === undefined) throw new Error(`no output for case ${i} ${name}`)
    // a sentinel after the output keeps trailing whitespace that Helm would trim from the document
    const body = doc.replace(/^out: \|2-\n/, '').replace(/\|END\n$/, '')
    const output = body
      .split('\n')
      .map((l) => l.slice(2))
      .join('\n')
    golden.push({ suite, name, template, output })
  })
}
// error cases: one chart each, the template is the file itself so names, lines and columns are real
for (const [suite, name, template] of errors) {
  const { dir, c } = chart({ 'templates/t.yaml': template })
  const { out, err } = run(c)
  rmSync(dir, { recursive: true })
  if (err === undefined) throw new Error(`case "${name}" did not fail: ${out}`)
  golden.push({ suite, name, template, error: err })
}
writeFileSync(join(here, 'golden.json'), JSON.stringify({ values, cases: golden }, null, 1) + '\n')
console.log(`${golden.length} cases written`)

import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { helm } from '../../helpers'

// `helm template` with value flags, end to end; expected texts are real Helm 4.1.4's.
const CHART = fileURLToPath(new URL('../../domain/values/fixtures/charts/aliases', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'valueflags-'))
const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
for (const [i, c] of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].entries())
  bomb.push(
    `${c}: &${c} [${Array(9)
      .fill(`*${i === 0 ? 'a' : ['b', 'c', 'd', 'e', 'f', 'g', 'h'][i - 1]}`)
      .join(',')}]`,
  )
writeFileSync(join(dir, 'bomb.yaml'), bomb.join('\n') + '\n')

const flags = suite('helm template value flags')
flags('should refuse a YAML alias bomb in a values file, naming the file, without a stack trace', async () => {
  const r = await helm(['template', 'x', CHART, '-f', 'bomb.yaml'], { cwd: dir })
  assert.is(r.code, 1)
  assert.is(r.stdout, '')
  assert.is(
    r.stderr,
    'Error: failed to parse bomb.yaml: cannot unmarshal yaml document: error converting YAML to JSON: yaml: document contains excessive aliasing\n',
  )
})
flags('should print a --set parse error as Helm does', async () => {
  const r = await helm(['template', 'x', CHART, '--set', 'a=1,a.b=2'])
  assert.equal(
    [r.code, r.stderr],
    [
      1,
      'Error: failed parsing --set data: unable to parse key: interface conversion: interface {} is int64, not map[string]interface {}\n',
    ],
  )
})
flags('should let --set values reach the templates', async () => {
  const r = await helm(['template', 'x', CHART, '--set', 'expr.k=5,a.x=true'])
  assert.is(r.code, 0, r.stderr)
  assert.match(r.stdout, 'aliases/charts/expr/templates: {"global":{},"k":5}')
})
flags.run()

import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { helm } from '../../helpers'

const completion = suite('helm completion')
// Runs the generated script in bash and asks it to complete `words` (the last one being typed).
const complete = (script: string, words: string[]): string[] => {
  const dir = mkdtempSync(join(tmpdir(), 'wh-compl-'))
  try {
    writeFileSync(join(dir, 'c.sh'), script)
    const line = ['helm', ...words].map((w) => `'${w}'`).join(' ')
    const r = spawnSync(
      'bash',
      [
        '-c',
        `source ${join(dir, 'c.sh')}; COMP_WORDS=(${line}); COMP_CWORD=${words.length}; _helm; printf '%s\\n' "\${COMPREPLY[@]}"`,
      ],
      { encoding: 'utf8' },
    )
    return r.stdout.split('\n').filter((x) => x !== '')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
completion('should complete commands, subcommands and flags from the real command list', async () => {
  const r = await helm(['completion', 'bash'])
  assert.is(r.code, 0)
  assert.match(r.stdout, /complete -o default -F _helm helm/)
  assert.ok(complete(r.stdout, ['pa']).includes('package'))
  assert.equal(complete(r.stdout, ['show', 'v']), ['values'])
  assert.ok(complete(r.stdout, ['package', '--app']).includes('--app-version'))
  assert.ok(complete(r.stdout, ['dependency', '']).includes('list'))
})
completion('should wrap the bash script for zsh and refuse other shells', async () => {
  const z = await helm(['completion', 'zsh'])
  assert.match(z.stdout, /^#compdef helm\nautoload -U \+X bashcompinit && bashcompinit\n/)
  const f = await helm(['completion', 'fish'])
  assert.is(f.code, 1)
  assert.is(f.stderr, 'Error: unsupported shell type "fish"\n')
  assert.is((await helm(['completion'])).stderr, 'Error: shell not specified\n')
})
completion.run()

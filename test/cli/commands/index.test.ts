import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { commandTable, loadCommandsFor } from '../../../src/cli/commands/index'

const table = suite('commandTable')
table('should list, for every command, exactly the first words of its paths', async () => {
  for (const [words, load] of commandTable) {
    const cls = (await load()).default
    const firsts = [...new Set((cls.paths ?? []).map((p) => p[0] ?? ''))].sort()
    assert.equal([...words].sort(), firsts, cls.name)
  }
})
table('should load only the commands a first word names', async () => {
  const loaded = await loadCommandsFor(['--debug', 'template', 'chart'])
  assert.equal(
    loaded.map((c) => c.paths),
    [[['template']]],
  )
})
table('should load every command for an unknown word and for completion', async () => {
  assert.is((await loadCommandsFor(['nope'])).length, commandTable.length)
  assert.is((await loadCommandsFor(['completion', 'bash'])).length, commandTable.length)
})
table.run()

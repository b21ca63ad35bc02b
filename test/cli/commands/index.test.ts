import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { rootNode, withCommands } from '../../../src/cli/commands/index'
import { allNodes } from '../../../src/cli/front/Tree'
import { helm } from '../../helpers'

const tree = suite('rootNode')
tree('should give every command class a path that names its place in the tree', async () => {
  for (const { path, node } of allNodes(rootNode)) {
    if (!node.load) continue
    const cls = (await node.load()).default
    const paths = (cls.paths ?? []).map((p) => p.join(' '))
    // hidden Helm 3/4 names (pull, search repo, update) load a v2 command's class
    const names = [path.join(' '), ...(node.aliases ?? []).map((a) => [...path.slice(0, -1), a].join(' '))]
    if (node.hidden || node.deprecated !== undefined) continue
    for (const name of names) assert.ok(paths.includes(name), `${cls.name}: ${name} not in ${paths.join(', ')}`)
  }
})
tree('should list each name and alias once per level', () => {
  const check = (n: typeof rootNode) => {
    const names = (n.children ?? []).flatMap((c) => [c.name, ...(c.aliases ?? []), ...(c.hiddenAliases ?? [])])
    assert.equal(names.length, new Set(names).size, n.name)
    for (const c of n.children ?? []) check(c)
  }
  check(rootNode)
})
tree('should run a command added at run time (a plugin) and list it in help', async () => {
  const seen: string[][] = []
  const root = withCommands(rootNode, [
    {
      name: 'hello',
      text: { use: 'hello', short: 'says hello' },
      external: async (args) => {
        seen.push([...args])
        return 3
      },
    },
  ])
  const { runHelm } = await import('../../../src/cli/run')
  const { PassThrough } = await import('node:stream')
  const out = new PassThrough()
  let text = ''
  out.on('data', (c) => (text += c))
  const ctx = { stdin: new PassThrough(), stdout: out, stderr: new PassThrough(), env: { HOME: '/h' }, cwd: '/' }
  assert.is(await runHelm(['hello', '--x', 'y'], ctx, root), 3)
  assert.equal(seen, [['--x', 'y']])
  assert.is(await runHelm(['help'], ctx, root), 0)
  assert.match(text, /\n {2}hello {7}says hello\n/)
})
tree('should refuse an unknown first word with cobra suggestions', async () => {
  const r = await helm(['instal'])
  assert.is(r.code, 1)
  assert.is(
    r.stderr,
    `Error: unknown command "instal" for "helm"\n\nDid you mean this?\n\tinstall\n\nRun 'helm --help' for usage.\n`,
  )
})
tree.run()

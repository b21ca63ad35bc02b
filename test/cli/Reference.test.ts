import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { rootNode } from '../../src/cli/commands/index'
import { findChild } from '../../src/cli/front/Tree'
import { helm } from '../helpers'
import { type V2Flag, v2Flags } from './V2Reference'

// The checklist: every (command, flag) pair of Helm v2.17's command reference is listed by `helm CMD --help`
// and parses. `helm plugin` is left to the plugins work while the tree has no such command.
const hasPlugin = findChild(rootNode, 'plugin') !== undefined
const pairs = v2Flags().filter((p) => hasPlugin || !p.command.startsWith('helm plugin'))

// a value of each pflag type that the flag must accept
const sample: Record<string, string> = {
  string: 'x',
  int: '7',
  int32: '7',
  uint: '7',
  uint32: '7',
  stringArray: 'a=b',
  valueFiles: 'v.yaml',
  OutputFormat: 'json',
}

const forms = (p: V2Flag): string[][] => {
  if (p.type === 'bool') {
    const out = [[`--${p.flag}`], [`--${p.flag}=false`], [`--${p.flag}=true`]]
    return p.shorthand ? [...out, [`-${p.shorthand}`]] : out
  }
  const v = sample[p.type]
  if (v === undefined) throw new Error(`no sample value for type ${p.type}`)
  const out = [[`--${p.flag}`, v], [`--${p.flag}=${v}`]]
  return p.shorthand ? [...out, [`-${p.shorthand}`, v], [`-${p.shorthand}${v}`]] : out
}

const listed = (help: string, p: V2Flag): boolean => {
  const section = p.scope === 'global' ? help.split('\nGlobal Flags:\n')[1] : help.split('\nFlags:\n')[1]
  if (section === undefined) return false
  const lines = section.split('\n\n')[0]?.split('\n') ?? []
  const head = `${p.shorthand ? `  -${p.shorthand}, ` : '      '}--${p.flag}${p.type === 'bool' ? '' : ` ${p.type}`} `
  return lines.some((l) => l.startsWith(head))
}

const checklist = suite('Helm v2.17 command reference checklist')
checklist('should list and parse every (command, flag) pair of the reference', async () => {
  const missing: string[] = []
  const failing = new Set<V2Flag>()
  const helps = new Map<string, string>()
  for (const p of pairs) {
    const words = p.command.split(' ').slice(1)
    let help = helps.get(p.command)
    if (help === undefined) {
      const r = await helm([...words, '--help'])
      help = r.code === 0 && r.stderr === '' ? r.stdout : ''
      helps.set(p.command, help)
    }
    if (!listed(help, p)) {
      missing.push(`${p.command} --${p.flag}: not listed by --help`)
      failing.add(p)
    }
    for (const form of forms(p)) {
      if (p.flag === 'help') continue
      const r = await helm([...words, ...form, '--help'])
      if (r.code !== 0 || r.stderr !== '') {
        missing.push(`${p.command} ${form.join(' ')}: ${r.stderr.trim()}`)
        failing.add(p)
      }
    }
  }
  console.log(`reference: ${pairs.length} (command, flag) pairs, ${pairs.length - failing.size} accepted`)
  assert.equal(missing, [])
})
checklist('should run every command of the reference (help exits 0 and shows its usage)', async () => {
  for (const command of new Set(pairs.map((p) => p.command))) {
    const r = await helm([...command.split(' ').slice(1), '--help'])
    assert.is(r.code, 0, command)
    assert.match(r.stdout, /\nUsage:\n/, command)
  }
})
checklist.run()

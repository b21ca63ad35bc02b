import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { PassThrough } from 'node:stream'
import { localPlugins } from '../../../src/adapters/plugin-host/LocalPlugins'
import { pluginsContract } from '../../ports/Plugins.contract'

pluginsContract('local (disk and child processes)', async () => {
  const root = mkdtempSync(join(tmpdir(), 'plugins-'))
  const stdin = new PassThrough()
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  stdin.end()
  let printed = ''
  stdout.on('data', (c) => (printed += c))
  const write = (path: string, text: string) => {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, text)
  }
  return {
    plugins: localPlugins({ stdin, stdout, stderr }),
    root,
    write,
    program: (path) => {
      write(path, '#!/bin/sh\necho "ARGS=$*"\necho "X=$X"\necho err >&2\nexit ${CODE:-0}\n')
      chmodSync(path, 0o755)
    },
    printed: () => printed,
  }
})

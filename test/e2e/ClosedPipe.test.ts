// `helm ... | head`: when the reader of helm's output goes away, helm ends quietly with SIGPIPE's status as a Go
// program does (141 in a shell), with no stack trace on stderr.
import { spawn } from 'node:child_process'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { binArgs } from '../support/bins'
import { scratch } from '../support/processes'

const pipe = suite('e2e: helm writing into a closed pipe')
pipe('should end with status 141 and print nothing when its stdout is closed', async () => {
  const dir = scratch('closed-pipe')
  const child = spawn(process.execPath, [...binArgs('helm'), 'completion', 'bash'], {
    env: { ...process.env, HOME: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // the reader leaves before helm writes a byte
  child.stdout.destroy()
  let err = ''
  child.stderr.on('data', (c: Buffer) => {
    err += c
  })
  const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)))
  assert.is(err, '')
  assert.is(code, 141)
})
pipe.run()

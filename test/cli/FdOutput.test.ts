// helm's stdout and stderr are written to their descriptors (src/cli/FdOutput.ts) instead of node's streams: every
// byte arrives in order, a full non-blocking descriptor hands the rest to the stream, and plugins still inherit
// node's own streams.
import { execFileSync, spawn } from 'node:child_process'
import { closeSync, constants, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Writable } from 'node:stream'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { childStdio, fdOutput, streamOf } from '../../src/cli/FdOutput'

const root = resolve(import.meta.dirname, '../..')
const scratch = mkdtempSync(join(tmpdir(), 'fd-output-'))

/** A stream that keeps what it is given. */
const collector = () => {
  const chunks: Buffer[] = []
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(Buffer.from(chunk))
      done()
    },
  })
  return { stream, bytes: () => Buffer.concat(chunks) }
}

const out = suite('fdOutput')

out('should write strings and bytes to the descriptor whole and in order, calling a callback after', async () => {
  const file = join(scratch, 'plain.txt')
  const fd = openSync(file, 'w')
  const c = collector()
  let made = 0
  const o = fdOutput(fd, () => {
    made++
    return c.stream
  })
  const big = 'ä'.repeat(200_000)
  o.write('one\n')
  o.write(Buffer.from('two\n'))
  await new Promise<void>((done) => o.write(big, () => done()))
  closeSync(fd)
  assert.is(readFileSync(file, 'utf8'), `one\ntwo\n${big}`)
  assert.is(made, 0, 'no stream is made while the descriptor takes the writes')
})

out('should hand the unwritten rest and every later write to the stream when the descriptor is full', () => {
  const fifo = join(scratch, 'fifo')
  execFileSync('mkfifo', [fifo])
  const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK)
  const writer = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK)
  try {
    const c = collector()
    const o = fdOutput(writer, () => c.stream)
    // more than a pipe holds: the descriptor answers EAGAIN part way
    const text = Array.from({ length: 40_000 }, (_, i) => `line ${i}\n`).join('')
    o.write(text)
    o.write('after\n')
    const got: Buffer[] = []
    const buf = Buffer.alloc(65_536)
    for (;;) {
      let n = 0
      try {
        n = readSync(reader, buf)
      } catch {
        break
      }
      if (n === 0) break
      got.push(Buffer.from(buf.subarray(0, n)))
    }
    const piped = Buffer.concat(got)
    assert.ok(piped.length > 0 && piped.length < Buffer.byteLength(text))
    assert.is(Buffer.concat([piped, c.bytes()]).toString(), `${text}after\n`)
    assert.is(streamOf(o as unknown as Writable), c.stream)
  } finally {
    closeSync(reader)
    closeSync(writer)
  }
})

out('should give child processes node stream of an FdOutput, and other streams as they are', () => {
  const c = collector()
  const o = fdOutput(1, () => c.stream)
  const other = collector().stream
  const stdio = childStdio({ stdin: process.stdin, stdout: o as unknown as Writable, stderr: other })
  assert.is(stdio.stdout, c.stream)
  assert.is(stdio.stderr, other)
  assert.is(stdio.stdin, process.stdin)
})

out.run()

const helm = suite('bin/helm output through its descriptors')

helm('should deliver a large output whole to a slow reader of a pipe', async () => {
  const dir = join(scratch, 'big')
  mkdirSync(join(dir, 'templates'), { recursive: true })
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v1\nname: big\nversion: 0.1.0\n')
  const lines = Array.from({ length: 8_000 }, (_, i) => `  k${i}: "${'x'.repeat(40)}"`).join('\n')
  writeFileSync(
    join(dir, 'templates', 'cm.yaml'),
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n${lines}\n`,
  )
  const child = spawn(process.execPath, [join(root, 'bin/helm'), 'template', 'x', dir], {
    env: { ...process.env, NODE_OPTIONS: '', HOME: scratch, HELM_HOME: join(scratch, '.helm') },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const chunks: Buffer[] = []
  let err = ''
  child.stderr.on('data', (c: Buffer) => {
    err += c
  })
  // read late and slowly: helm's writes wait for the pipe as node's stream would
  child.stdout.pause()
  await new Promise((r) => setTimeout(r, 300))
  child.stdout.on('data', (c: Buffer) => {
    chunks.push(c)
    child.stdout.pause()
    setTimeout(() => child.stdout.resume(), 1)
  })
  child.stdout.resume()
  const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)))
  assert.is(err, '')
  assert.is(code, 0)
  const text = Buffer.concat(chunks).toString()
  assert.is(
    text,
    `---\n# Source: big/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n${lines}\n`,
  )
})

helm.run()

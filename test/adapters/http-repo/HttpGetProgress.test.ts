// No silent waits (issue 13): a download that does not come says what it waits for, every few seconds.
import * as http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { httpGet } from '../../../src/adapters/http-repo/HttpGet'

/** A server that answers through `handle` and lets its sockets be cut. */
const server = async (handle: (res: http.ServerResponse) => void) => {
  const sockets = new Set<Socket>()
  const srv = http.createServer((_req, res) => handle(res))
  srv.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r))
  const port = (srv.address() as AddressInfo).port
  return {
    port,
    cut: () => {
      for (const s of sockets) s.destroy()
    },
    close: () => new Promise<void>((r) => srv.close(() => r())),
  }
}

const progress = suite('httpGet progress')
progress('should say every interval that it is connected and has no answer yet, naming no credentials', async () => {
  const srv = await server(() => {})
  try {
    const lines: string[] = []
    const answerless = (l: string) => l.endsWith(`connected to 127.0.0.1:${srv.port}, no answer yet\n`)
    const got = httpGet(
      `http://user:secret@127.0.0.1:${srv.port}/charts/index.yaml?token=t0ken`,
      {},
      {
        progress: (l) => {
          lines.push(l)
          // under load the first lines may come before the connection is up ("connecting to ...")
          if (lines.filter(answerless).length === 2) srv.cut()
        },
        progressEveryMs: 40,
      },
    )()
    const r = await got
    assert.ok(E.isLeft(r))
    assert.is(lines.filter(answerless).length, 2, lines.join(''))
    for (const l of lines) {
      assert.match(
        l,
        new RegExp(
          `^waiting for http://127\\.0\\.0\\.1:${srv.port}/charts/index\\.yaml\\?… \\(\\d+s\\): (connecting to 127\\.0\\.0\\.1:${srv.port}|connected to 127\\.0\\.0\\.1:${srv.port}, no answer yet)\n$`,
        ),
      )
      assert.not.match(l, /secret|t0ken|user/)
    }
  } finally {
    srv.cut()
    await srv.close()
  }
})
progress('should count the bytes of a body that stalls', async () => {
  const srv = await server((res) => {
    res.writeHead(200, { 'Content-Length': '100' })
    res.write('x'.repeat(42))
  })
  try {
    const lines: string[] = []
    const r = await httpGet(
      `http://127.0.0.1:${srv.port}/a-1.0.0.tgz`,
      {},
      {
        progress: (l) => {
          lines.push(l)
          // the body's bytes may reach the client a few intervals after the headers under load
          if (l.includes('(42 bytes so far)') || lines.length === 500) srv.cut()
        },
        progressEveryMs: 40,
      },
    )()
    assert.ok(E.isLeft(r) || r.right.length < 100)
    assert.match(lines.at(-1) ?? '', /: HTTP 200 received, reading the body \(42 bytes so far\)\n$/)
  } finally {
    srv.cut()
    await srv.close()
  }
})
progress('should stay quiet when the answer comes in time', async () => {
  const srv = await server((res) => res.end('ok'))
  try {
    const lines: string[] = []
    const r = await httpGet(
      `http://127.0.0.1:${srv.port}/index.yaml`,
      {},
      {
        progress: (l) => lines.push(l),
        progressEveryMs: 1000,
      },
    )()
    assert.ok(E.isRight(r))
    assert.equal(lines, [])
  } finally {
    await srv.close()
  }
})
progress.run()

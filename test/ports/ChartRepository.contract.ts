// The one ChartRepository contract every transport runs: `chartRepositoryContract('<adapter>', make)` where
// `make(files)` serves `files` (paths under the repository → bytes) and gives the repository's base URL.
import { Buffer } from 'node:buffer'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { ChartRepository } from '../../src/ports/ChartRepository'
import { assertLeft, assertRight } from '../helpers'

export type MakeChartRepository = (files: Readonly<Record<string, string>>) => Promise<{
  readonly repo: ChartRepository
  readonly base: string
  readonly close: () => Promise<void>
}>

const text = (d: Uint8Array): string => Buffer.from(d).toString('utf8')

export const chartRepositoryContract = (name: string, make: MakeChartRepository): void => {
  const s = suite(`ChartRepository contract: ${name}`)

  s('should give the index.yaml of a repository URL, with or without a trailing slash', async () => {
    const { repo, base, close } = await make({ 'charts/index.yaml': 'apiVersion: v1\n' })
    try {
      assert.ok(repo.schemes.includes(new URL(base).protocol.replace(/:$/, '')))
      assert.is(text(assertRight(await repo.index(`${base}/charts`, {})())), 'apiVersion: v1\n')
      assert.is(text(assertRight(await repo.index(`${base}/charts/`, {})())), 'apiVersion: v1\n')
    } finally {
      await close()
    }
  })

  s('should give the bytes at a URL, byte for byte', async () => {
    const bytes = String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i))
    const { repo, base, close } = await make({ 'charts/a-1.0.0.tgz': bytes })
    try {
      const got = assertRight(await repo.get(`${base}/charts/a-1.0.0.tgz`, { username: 'u', password: 'p' })())
      assert.is(Buffer.from(got).toString('latin1'), bytes)
    } finally {
      await close()
    }
  })

  s('should answer HttpStatus 404 for a missing file and Unreachable for a host that does not answer', async () => {
    const { repo, base, close } = await make({ 'charts/index.yaml': 'apiVersion: v1\n' })
    try {
      const missing = assertLeft(await repo.get(`${base}/charts/nope.tgz`, {})())
      assert.ok(missing._tag === 'HttpStatus' && missing.status === 404, JSON.stringify(missing))
      assert.is(assertLeft(await repo.index(`${base}/elsewhere`, {})())._tag, 'HttpStatus')
      assert.is(assertLeft(await repo.get('http://127.0.0.1:1/charts/x.tgz', {})())._tag, 'Unreachable')
    } finally {
      await close()
    }
  })

  s.run()
}

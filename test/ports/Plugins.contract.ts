// The one Plugins contract every adapter runs: `pluginsContract('<adapter>', make)` where `make()` gives the port over
// an empty folder `root` (absolute), a way to write files there, a way to place the test program at a path, and what
// programs run through `run` printed. The test program prints `ARGS=<args joined by spaces>` and `X=$X` on stdout,
// `err` on stderr, then exits with the code in $CODE (0 when unset).
import * as O from 'fp-ts/Option'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Plugins } from '../../src/ports/Plugins'
import { assertLeft, assertRight } from '../helpers'

export interface PluginsFixture {
  readonly plugins: Plugins
  readonly root: string
  readonly write: (path: string, text: string) => void
  readonly program: (path: string) => void
  readonly printed: () => string
}

const yaml = (name: string) => `name: ${name}\nversion: 1.0.0\ncommand: run\n`

export const pluginsContract = (name: string, make: () => Promise<PluginsFixture>): void => {
  const s = suite(`Plugins contract: ${name}`)

  s('should scan plugin folders in order, by their plugin.yaml, reporting one that does not decode', async () => {
    const f = await make()
    f.write(`${f.root}/a/zeta/plugin.yaml`, yaml('zeta'))
    f.write(`${f.root}/a/alpha/plugin.yaml`, yaml('alpha'))
    f.write(`${f.root}/a/notaplugin/README`, 'hi')
    f.write(`${f.root}/a/broken/plugin.yaml`, 'name: [\n')
    f.write(`${f.root}/b/beta/plugin.yaml`, yaml('beta'))
    const found = assertRight(await f.plugins.scan([`${f.root}/b`, `${f.root}/a`, `${f.root}/missing`])())
    assert.equal(
      found.map((p) => p.dir),
      [`${f.root}/b/beta`, `${f.root}/a/alpha`, `${f.root}/a/broken`, `${f.root}/a/zeta`],
    )
    assert.is(found[1]?.metadata._tag === 'Right' && found[1].metadata.right.name, 'alpha')
    assert.is(found[2]?.metadata._tag === 'Left' && found[2].metadata.left._tag, 'InvalidPluginFile')
    assert.is(assertRight(await f.plugins.load(`${f.root}/a/zeta`)()).version, '1.0.0')
    assert.is(assertLeft(await f.plugins.load(`${f.root}/a/notaplugin`)())._tag, 'PluginMetadataMissing')
  })

  s('should link, inspect, resolve and remove a link without touching what it points to', async () => {
    const f = await make()
    f.write(`${f.root}/src/p/plugin.yaml`, yaml('p'))
    const at = `${f.root}/home/plugins/p`
    assertRight(await f.plugins.link(`${f.root}/src/p`, at)())
    assert.equal(assertRight(await f.plugins.inspect(at)()), O.some({ _tag: 'Link', target: `${f.root}/src/p` }))
    assert.equal(assertRight(await f.plugins.inspect(at, true)()), O.some({ _tag: 'Folder' }))
    assert.equal(assertRight(await f.plugins.inspect(`${at}/plugin.yaml`)()), O.some({ _tag: 'File' }))
    assert.equal(assertRight(await f.plugins.inspect(`${f.root}/nothing`)()), O.none)
    assert.is(assertRight(await f.plugins.realPath(`${at}/plugin.yaml`)()), `${f.root}/src/p/plugin.yaml`)
    assert.is(assertLeft(await f.plugins.realPath(`${f.root}/nothing`)())._tag, 'FileNotFound')
    assert.is(assertLeft(await f.plugins.link(`${f.root}/src/p`, at)())._tag, 'FileUnwritable')
    const scanned = assertRight(await f.plugins.scan([`${f.root}/home/plugins`])())
    assert.equal(
      scanned.map((p) => p.dir),
      [at],
    )
    assertRight(await f.plugins.remove(at)())
    assertRight(await f.plugins.remove(`${f.root}/absent`)())
    assert.equal(assertRight(await f.plugins.inspect(at)()), O.none)
    assert.equal(assertRight(await f.plugins.inspect(`${f.root}/src/p/plugin.yaml`)()), O.some({ _tag: 'File' }))
  })

  s('should unpack files with their modes and refuse a path leaving the folder before writing anything', async () => {
    const f = await make()
    const data = (t: string) => new TextEncoder().encode(t)
    const dir = `${f.root}/cache/x`
    assertRight(
      await f.plugins.unpack(dir, [
        { path: 'plugin.yaml', data: data(yaml('x')), mode: 0o644 },
        { path: 'bin/run', data: data('#!/bin/sh\n'), mode: 0o755 },
      ])(),
    )
    assert.is(assertRight(await f.plugins.load(dir)()).name, 'x')
    assert.equal(assertRight(await f.plugins.inspect(`${dir}/bin/run`)()), O.some({ _tag: 'File' }))
    const e = assertLeft(
      await f.plugins.unpack(`${f.root}/cache/y`, [
        { path: 'plugin.yaml', data: data(yaml('y')), mode: 0o644 },
        { path: '../../escape', data: data('x'), mode: 0o644 },
      ])(),
    )
    assert.is(e._tag, 'PathOutsideFolder')
    assert.equal(assertRight(await f.plugins.inspect(`${f.root}/cache/y/plugin.yaml`)()), O.none)
    assert.equal(assertRight(await f.plugins.inspect(`${f.root}/escape`)()), O.none)
    assertRight(await f.plugins.remove(`${f.root}/cache`)())
    assert.equal(assertRight(await f.plugins.inspect(dir)()), O.none)
  })

  s('should run and capture programs with their arguments, environment and exit code', async () => {
    const f = await make()
    const prog = `${f.root}/bin/prog`
    f.program(prog)
    const base = { file: prog, args: ['a', 'b c'], env: { X: 'x1', PATH: process.env.PATH ?? '' }, cwd: f.root }
    assert.is(assertRight(await f.plugins.run(base)()), 0)
    assert.is(f.printed(), 'ARGS=a b c\nX=x1\n')
    assert.is(assertRight(await f.plugins.run({ ...base, env: { ...base.env, CODE: '4' } })()), 4)
    const c = assertRight(await f.plugins.capture({ ...base, env: { ...base.env, CODE: '2' } })())
    assert.equal(
      { code: c.code, stdout: new TextDecoder().decode(c.stdout), stderr: c.stderr },
      { code: 2, stdout: 'ARGS=a b c\nX=x1\n', stderr: 'err\n' },
    )
    const missing = assertLeft(await f.plugins.run({ ...base, file: `${f.root}/bin/none` })())
    assert.is(missing._tag, 'PluginStartFailed')
    assert.is(assertLeft(await f.plugins.capture({ ...base, file: `${f.root}/bin/none` })())._tag, 'PluginStartFailed')
  })

  s.run()
}

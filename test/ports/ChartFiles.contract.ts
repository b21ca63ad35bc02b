// The one ChartFiles contract every adapter runs: `chartFilesContract('<adapter>', make)` where `make(seed)` gives a
// fresh store holding `seed` (paths relative to `root` → content) and that root (absolute).
import { Buffer } from 'node:buffer'
import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { chartNotFound } from '../../src/domain/chart/ChartError'
import { fileNotFound } from '../../src/domain/GeneralError'
import { pathOutsideFolder, unsafeFileName } from '../../src/domain/path/PathError'
import type { ChartFiles } from '../../src/ports/ChartFiles'
import { assertLeft, assertRight } from '../helpers'

export type MakeChartFiles = (
  seed: Readonly<Record<string, string | Uint8Array>>,
) => Promise<{ readonly files: ChartFiles; readonly root: string }>

const text = (d: Uint8Array): string => Buffer.from(d).toString('utf8')

export const chartFilesContract = (name: string, make: MakeChartFiles): void => {
  const s = suite(`ChartFiles contract: ${name}`)

  s('should tell files, folders and nothing apart', async () => {
    const { files, root } = await make({ 'c/Chart.yaml': 'name: c\n' })
    const file = assertRight(await files.stat(`${root}/c/Chart.yaml`)())
    assert.ok(O.isSome(file) && file.value.kind === 'file' && file.value.size === 8 && file.value.name === 'Chart.yaml')
    const dir = assertRight(await files.stat(`${root}/c`)())
    assert.ok(O.isSome(dir) && dir.value.kind === 'directory')
    assert.equal(await files.stat(`${root}/nope`)(), E.right(O.none))
    assert.equal(await files.stat(`${root}/c/Chart.yaml/below`)(), E.right(O.none))
  })

  s('should list a folder sorted by name and read a file', async () => {
    const { files, root } = await make({ 'd/b.tgz': 'B', 'd/a.tgz': 'A', 'd/sub/x': 'X' })
    const entries = assertRight(await files.list(`${root}/d`)())
    assert.equal(
      entries.map((e) => [e.name, e.kind]),
      [
        ['a.tgz', 'file'],
        ['b.tgz', 'file'],
        ['sub', 'directory'],
      ],
    )
    assert.is(text(assertRight(await files.read(`${root}/d/a.tgz`)())), 'A')
    assert.equal(await files.list(`${root}/missing`)(), E.left(fileNotFound(`${root}/missing`)))
    assert.equal(await files.read(`${root}/d/none`)(), E.left(fileNotFound(`${root}/d/none`)))
  })

  s('should read a chart folder as Helm walks it: .helmignore, nested files, BOM dropped', async () => {
    const { files, root } = await make({
      'c/Chart.yaml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('name: c\n')]),
      'c/.helmignore': 'secret/\n*.bak\n',
      'c/templates/cm.yaml': 'kind: ConfigMap\n',
      'c/templates/old.bak': 'x',
      'c/secret/key': 'k',
      'c/charts/sub/Chart.yaml': 'name: sub\n',
    })
    const got = assertRight(await files.readChartDir(`${root}/c`)())
    assert.equal(
      got.map((f) => [f.path, text(f.data)]),
      [
        ['.helmignore', 'secret/\n*.bak\n'],
        ['Chart.yaml', 'name: c\n'],
        ['charts/sub/Chart.yaml', 'name: sub\n'],
        ['templates/cm.yaml', 'kind: ConfigMap\n'],
      ],
    )
    assert.equal(await files.readChartDir(`${root}/none`)(), E.left(chartNotFound(`${root}/none`)))
  })

  s("should refuse a chart folder's file over 5 MiB", async () => {
    const { files, root } = await make({ 'c/Chart.yaml': 'name: c\n', 'c/big': Buffer.alloc(5 * 1024 * 1024 + 1) })
    const e = assertLeft(await files.readChartDir(`${root}/c`)())
    assert.ok(e._tag === 'ChartFileTooLarge' && e.file === 'big' && !e.archived, JSON.stringify(e))
  })

  s('should write a file into a new folder, replace it whole, and refuse a name that is not a file name', async () => {
    const { files, root } = await make({})
    assert.equal(await files.write(`${root}/out/a`, 'x.tgz', Buffer.from('1'))(), E.right(`${root}/out/a/x.tgz`))
    assert.equal(await files.write(`${root}/out/a`, 'x.tgz', Buffer.from('22'))(), E.right(`${root}/out/a/x.tgz`))
    assert.is(text(assertRight(await files.read(`${root}/out/a/x.tgz`)())), '22')
    for (const bad of ['../x.tgz', '..', '', 'a/b'])
      assert.equal(
        await files.write(`${root}/out/a`, bad, Buffer.from('no'))(),
        E.left(unsafeFileName('file', bad, `${root}/out/a`)),
      )
    assert.equal(
      assertRight(await files.list(`${root}/out`)()).map((e) => e.name),
      ['a'],
    )
  })

  s('should write a tree, telling which files existed, and write nothing when one path leaves the folder', async () => {
    const { files, root } = await make({ 'o/keep.yaml': 'old' })
    const existed = assertRight(
      await files.writeTree(`${root}/o`, [
        { path: 'keep.yaml', data: Buffer.from('new') },
        { path: 'a/b/c.yaml', data: Buffer.from('c') },
      ])(),
    )
    assert.equal(existed, [`${root}/o/keep.yaml`])
    assert.is(text(assertRight(await files.read(`${root}/o/a/b/c.yaml`)())), 'c')
    const refused = await files.writeTree(`${root}/o`, [
      { path: 'fine.yaml', data: Buffer.from('f') },
      { path: 'a/../../escape.yaml', data: Buffer.from('e') },
    ])()
    assert.equal(refused, E.left(pathOutsideFolder('file', 'a/../../escape.yaml', `${root}/o`)))
    assert.equal(await files.stat(`${root}/o/fine.yaml`)(), E.right(O.none))
    assert.equal(await files.stat(`${root}/escape.yaml`)(), E.right(O.none))
  })

  s('should make folders and remove files and whole folders (an absent path is fine)', async () => {
    const { files, root } = await make({ 'r/a/b': 'b', 'r/c': 'c' })
    assertRight(await files.makeDir(`${root}/m/n`)())
    const made = assertRight(await files.stat(`${root}/m/n`)())
    assert.ok(O.isSome(made) && made.value.kind === 'directory')
    assertRight(await files.remove(`${root}/r/c`)())
    assertRight(await files.remove(`${root}/r/a`)())
    assertRight(await files.remove(`${root}/r/none`)())
    assert.equal(assertRight(await files.list(`${root}/r`)()), [])
  })

  s.run()
}

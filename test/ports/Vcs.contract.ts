// The one Vcs contract every adapter runs: `vcsContract('<adapter>', make)` where `make()` gives the port, an empty
// folder `root`, the URL of a remote repository whose main branch holds `v.txt` = "3" with tags v1 ("1") and v2
// ("2"), a way to push a new `v.txt` to its main branch, and ways to read and change a file of a clone.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Vcs } from '../../src/ports/Vcs'
import { assertLeft, assertRight } from '../helpers'

export interface VcsFixture {
  readonly vcs: Vcs
  readonly root: string
  readonly url: string
  readonly push: (v: string) => void
  readonly read: (path: string) => string | undefined
  readonly write: (path: string, text: string) => void
}

export const vcsContract = (name: string, make: () => Promise<VcsFixture>): void => {
  const s = suite(`Vcs contract: ${name}`)

  s('should clone, list tags, tell references and check one out', async () => {
    const f = await make()
    const dir = `${f.root}/cache/clone`
    assert.is(assertRight(await f.vcs.isRepo(dir)()), false)
    assertRight(await f.vcs.clone(f.url, dir)())
    assert.is(assertRight(await f.vcs.isRepo(dir)()), true)
    assert.is(f.read(`${dir}/v.txt`), '3')
    assert.equal([...assertRight(await f.vcs.tags(dir)())].sort(), ['v1', 'v2'])
    assert.is(assertRight(await f.vcs.isReference(dir, 'v1')()), true)
    assert.is(assertRight(await f.vcs.isReference(dir, 'main')()), true)
    assert.is(assertRight(await f.vcs.isReference(dir, '^1.0')()), false)
    assertRight(await f.vcs.checkout(dir, 'v1')())
    assert.is(f.read(`${dir}/v.txt`), '1')
    assert.is(assertRight(await f.vcs.isDirty(dir)()), false)
    assert.is(assertLeft(await f.vcs.checkout(dir, 'nope')())._tag, 'VcsFailed')
    assert.is(assertLeft(await f.vcs.clone(f.url, dir)())._tag, 'VcsFailed')
    assert.is(assertLeft(await f.vcs.clone(`${f.url}-missing`, `${f.root}/other`)())._tag, 'VcsFailed')
  })

  s('should update a branch checkout, keep a tag checkout, and see local edits', async () => {
    const f = await make()
    const onMain = `${f.root}/a`
    const onTag = `${f.root}/b`
    assertRight(await f.vcs.clone(f.url, onMain)())
    assertRight(await f.vcs.clone(f.url, onTag)())
    assertRight(await f.vcs.checkout(onTag, 'v2')())
    f.push('4')
    assertRight(await f.vcs.update(onMain)())
    assertRight(await f.vcs.update(onTag)())
    assert.is(f.read(`${onMain}/v.txt`), '4')
    assert.is(f.read(`${onTag}/v.txt`), '2')
    f.write(`${onMain}/v.txt`, 'edited')
    assert.is(assertRight(await f.vcs.isDirty(onMain)()), true)
  })

  s.run()
}

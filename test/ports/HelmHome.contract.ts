// The one HelmHome contract every adapter runs: `helmHomeContract('<adapter>', make)` with `make()` giving a fresh,
// empty home.
import { Buffer } from 'node:buffer'
import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import * as TE from 'fp-ts/TaskEither'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { invalidArgument } from '../../src/domain/GeneralError'
import { credentialFor, withCredential, withoutCredential } from '../../src/domain/oci/Credentials'
import { emptyIndex, parseIndex } from '../../src/domain/repo/Index'
import { type RepoEntry, emptyEntry, upsertRepo } from '../../src/domain/repo/RepoFile'
import type { HelmHome } from '../../src/ports/HelmHome'
import { assertLeft, assertRight } from '../helpers'

const entry = (name: string, url = `https://charts.example.com/${name}`): RepoEntry => ({ ...emptyEntry, name, url })

const indexYaml = `apiVersion: v1
entries:
  nginx:
  - name: nginx
    version: 1.2.0
    description: web server
    home: https://nginx.org
    urls:
    - nginx-1.2.0.tgz
  - name: nginx
    version: 1.10.0
    urls:
    - nginx-1.10.0.tgz
generated: "2024-01-01T00:00:00Z"
`

export const helmHomeContract = (name: string, make: () => Promise<HelmHome>): void => {
  const s = suite(`HelmHome contract: ${name}`)

  s('should make the layout once and report the folders it made', async () => {
    const h = await make()
    const first = assertRight(await h.ensure()())
    const l = h.layout
    assert.equal(first, [l.root, l.repository, l.cache, l.localRepository, l.plugins, l.starters, l.archive])
    assert.equal(await h.ensure()(), E.right([]))
  })

  s('should have no repositories.yaml until one is written, then read back what was written', async () => {
    const h = await make()
    assert.equal(await h.readRepositories()(), E.right(O.none))
    const answer = await h.updateRepositories((f) => TE.right([upsertRepo(f, entry('a'), 'now'), 'done'] as const))()
    assert.equal(answer, E.right('done'))
    const f = assertRight(await h.readRepositories()())
    assert.ok(O.isSome(f))
    if (O.isSome(f)) assert.equal(f.value.repositories, [entry('a')])
  })

  s('should write nothing when the change fails', async () => {
    const h = await make()
    const failed = await h.updateRepositories(() => TE.left(invalidArgument('no')))()
    assert.equal(failed, E.left(invalidArgument('no')))
    assert.equal(await h.readRepositories()(), E.right(O.none))
  })

  s("should keep both of two concurrent changes (neither loses the other's)", async () => {
    const h = await make()
    const add = (n: string) => h.updateRepositories((f) => TE.right([upsertRepo(f, entry(n), 'now'), n] as const))()
    const got = await Promise.all(['a', 'b', 'c', 'd'].map(add))
    assert.equal(got, ['a', 'b', 'c', 'd'].map(E.right))
    const f = assertRight(await h.readRepositories()())
    assert.equal(O.isSome(f) ? f.value.repositories.map((r) => r.name).sort() : [], ['a', 'b', 'c', 'd'])
  })

  s('should cache an index and read it back newest first, then forget it', async () => {
    const h = await make()
    const r = entry('stable')
    const index = assertRight(parseIndex('index.yaml', indexYaml))
    assertRight(await h.writeIndex(r, Buffer.from(indexYaml), index)())
    const back = assertRight(await h.readIndex(r)())
    assert.equal(
      back.entries.nginx?.map((v) => [v.version, v.urls, v.description]),
      [
        ['1.10.0', ['nginx-1.10.0.tgz'], undefined],
        ['1.2.0', ['nginx-1.2.0.tgz'], 'web server'],
      ],
    )
    assertRight(await h.removeIndex(r)())
    assert.is(assertLeft(await h.readIndex(r)())._tag, 'FileNotFound')
    assertRight(await h.removeIndex(r)())
  })

  s('should refuse a repository name that would put its index outside the cache', async () => {
    const h = await make()
    const e = assertLeft(await h.writeIndex(entry('../../x'), Buffer.from(''), emptyIndex('now'))())
    assert.is(e._tag, 'UnsafeFileName')
    assert.is(assertLeft(await h.readIndex(entry('a/b'))())._tag, 'UnsafeFileName')
  })

  s('should forget everything when removed', async () => {
    const h = await make()
    assertRight(await h.ensure()())
    assertRight(await h.updateRepositories((f) => TE.right([upsertRepo(f, entry('a'), 'now'), 0] as const))())
    assertRight(await h.remove()())
    assert.equal(await h.readRepositories()(), E.right(O.none))
    assert.is(assertRight(await h.ensure()()).length, 7)
  })

  s('should have empty registry credentials until a login stores one, and forget it on logout', async () => {
    const h = await make()
    const empty = assertRight(await h.readRegistryCredentials()())
    assert.equal(empty.auths, {})
    const stored = await h.updateRegistryCredentials((f) =>
      TE.right([withCredential(f, 'r.example.com:5000', { username: 'u', password: 'p' }), 'in'] as const),
    )()
    assert.equal(stored, E.right('in'))
    const f = assertRight(await h.readRegistryCredentials()())
    assert.equal(assertRight(credentialFor('config', f, 'r.example.com:5000')), {
      username: 'u',
      password: 'p',
      identityToken: undefined,
      registryToken: undefined,
    })
    assertRight(
      await h.updateRegistryCredentials((g) => TE.right([withoutCredential(g, 'r.example.com:5000'), 0] as const))(),
    )
    assert.equal(assertRight(await h.readRegistryCredentials()()).auths, {})
  })

  s('should store no registry credential when the change fails', async () => {
    const h = await make()
    const failed = await h.updateRegistryCredentials(() => TE.left(invalidArgument('refused')))()
    assert.equal(failed, E.left(invalidArgument('refused')))
    assert.equal(assertRight(await h.readRegistryCredentials()()).auths, {})
  })

  s.run()
}

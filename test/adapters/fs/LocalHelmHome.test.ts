import { chmod, mkdtemp, readFile, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as TE from 'fp-ts/TaskEither'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { localHelmHome } from '../../../src/adapters/fs/LocalHelmHome'
import { withCredential } from '../../../src/domain/oci/Credentials'
import { emptyEntry, upsertRepo } from '../../../src/domain/repo/RepoFile'
import { assertLeft, assertRight } from '../../helpers'
import { helmHomeContract } from '../../ports/HelmHome.contract'

const fresh = async () => localHelmHome(join(await mkdtemp(join(tmpdir(), 'wh-home-')), 'home'), () => 'now')

helmHomeContract('local', fresh)

const disk = suite('localHelmHome (the disk only)')
disk('should write repositories.yaml 0600 (passwords), also over an existing 0644 file', async () => {
  const h = await fresh()
  const add = (name: string) =>
    h.updateRepositories((f) => TE.right([upsertRepo(f, { ...emptyEntry, name, password: 'pw' }, 'now'), 0] as const))()
  assertRight(await add('a'))
  assert.is((await stat(h.layout.repositoryFile)).mode & 0o777, 0o600)
  await chmod(h.layout.repositoryFile, 0o644)
  assertRight(await add('b'))
  assert.is((await stat(h.layout.repositoryFile)).mode & 0o777, 0o600)
  assert.match(await readFile(h.layout.repositoryFile, 'utf8'), /name: b\n {2}password: pw/)
})
disk('should name the file and key of a repositories.yaml field of the wrong type', async () => {
  const h = await fresh()
  assertRight(await h.ensure()())
  const { writeFile } = await import('node:fs/promises')
  await writeFile(h.layout.repositoryFile, 'repositories:\n- name: a\n  url: {x: 1}\n')
  const e = assertLeft(await h.readRepositories()())
  assert.equal(e, {
    _tag: 'InvalidRepositoriesFile',
    path: h.layout.repositoryFile,
    reason: 'key "repositories[0].url": expected text, got mapping',
  })
})
disk('should write registry credentials 0600 as Docker-style JSON, keeping fields it does not know', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'wh-home-'))
  const file = join(dir, 'registry.json')
  const { writeFile } = await import('node:fs/promises')
  await writeFile(file, '{"credsStore":"desktop","auths":{}}', { mode: 0o644 })
  const h = localHelmHome(join(dir, 'home'), () => 'now', file)
  assertRight(
    await h.updateRegistryCredentials((f) =>
      TE.right([withCredential(f, 'r.example.com', { username: 'u', password: 'p' }), 0] as const),
    )(),
  )
  assert.is((await stat(file)).mode & 0o777, 0o600)
  assert.is(
    await readFile(file, 'utf8'),
    '{\n\t"auths": {\n\t\t"r.example.com": {\n\t\t\t"auth": "dTpw"\n\t\t}\n\t},\n\t"credsStore": "desktop"\n}',
  )
  await writeFile(file, '{"auths": []}')
  const e = assertLeft(await h.readRegistryCredentials()())
  assert.is(e._tag, 'InvalidCredentialsFile')
})
disk.run()

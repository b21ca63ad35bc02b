import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gitVcs } from '../../../src/adapters/plugin-host/GitVcs'
import { vcsContract } from '../../ports/Vcs.contract'

const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@t',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@t',
}
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env, stdio: 'pipe' })

vcsContract('git (the git binary, a local bare repository over file://)', async () => {
  const root = mkdtempSync(join(tmpdir(), 'vcs-'))
  const work = join(root, 'work')
  mkdirSync(work)
  git(work, 'init', '-q', '-b', 'main')
  const commit = (v: string) => {
    writeFileSync(join(work, 'v.txt'), v)
    git(work, 'add', '-A')
    git(work, 'commit', '-q', '-m', v)
  }
  commit('1')
  git(work, 'tag', 'v1')
  commit('2')
  git(work, 'tag', 'v2')
  commit('3')
  const bare = join(root, 'remote.git')
  git(root, 'clone', '-q', '--bare', work, bare)
  return {
    vcs: gitVcs(process.env),
    root,
    url: `file://${bare}`,
    push: (v) => {
      commit(v)
      git(work, 'push', '-q', bare, 'main')
    },
    read: (p) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined),
    write: (p, text) => writeFileSync(p, text),
  }
})

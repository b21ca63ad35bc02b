import { execFile } from 'node:child_process'
import { mkdir, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { fileUnwritable } from '../../domain/GeneralError'
import { vcsFailed } from '../../domain/plugin/PluginError'
import type { Vcs } from '../../ports/Vcs'

interface GitResult {
  readonly ok: boolean
  readonly stdout: string
  readonly stderr: string
}

type Env = Readonly<Record<string, string | undefined>>

// never ask for credentials on a terminal: a plugin install must fail rather than hang
const gitEnv = (env: Env): NodeJS.ProcessEnv => ({ ...env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: 'true' })

const git = (env: Env, args: ReadonlyArray<string>, cwd?: string): Promise<E.Either<HelmError, GitResult>> =>
  new Promise((resolve) =>
    execFile(
      'git',
      [...args],
      { cwd, env: gitEnv(env), maxBuffer: 64 * 1024 * 1024, timeout: 600_000 },
      (err, stdout, stderr) => {
        if (err && (err as NodeJS.ErrnoException).code === 'ENOENT' && typeof err.code === 'string')
          return resolve(E.left(vcsFailed('git', 'exec: "git": executable file not found in $PATH')))
        resolve(E.right({ ok: !err, stdout, stderr }))
      },
    ),
  )

/** Runs git; a failure is VcsFailed naming the command and git's own reason. */
const mustIn =
  (env: Env) =>
  (what: string, args: ReadonlyArray<string>, cwd?: string): TE.TaskEither<HelmError, string> =>
  async () => {
    const r = await git(env, args, cwd)
    if (E.isLeft(r)) return r
    return r.right.ok ? E.right(r.right.stdout) : E.left(vcsFailed(what, r.right.stderr || r.right.stdout))
  }

/** Whether git answers yes (exit 0) to a question. */
const asksIn =
  (env: Env) =>
  (args: ReadonlyArray<string>, cwd: string): TE.TaskEither<HelmError, boolean> =>
  async () => {
    const r = await git(env, args, cwd)
    return E.isLeft(r) ? r : E.right(r.right.ok)
  }

/**
 * Plugin repositories through the `git` binary (the only VCS Wheelhouse installs plugins from), run with `env` (helm's
 * environment: PATH, HOME, git's own settings).
 */
export const gitVcs = (env: Env): Vcs => {
  const must = mustIn(env)
  const asks = asksIn(env)
  return {
    name: 'git',
    clone: (url, dir) => async () => {
      try {
        await mkdir(dirname(dir), { recursive: true })
      } catch (e) {
        return E.left(fileUnwritable(dirname(dir), e instanceof Error ? e.message : String(e)))
      }
      return TE.map(() => undefined)(must(`git clone ${url}`, ['clone', '--quiet', '--', url, dir]))()
    },
    // Masterminds/vcs DetectVcsFromFS: a clone has its .git at the top
    isRepo: (dir) => async () => E.right((await stat(join(dir, '.git')).catch(() => undefined)) !== undefined),
    tags: (dir) =>
      TE.map((out: string) => out.split('\n').filter((l) => l !== ''))(must('git tag', ['tag', '--list'], dir)),
    isReference: (dir, ref) => async () => {
      if (ref.startsWith('-')) return E.right(false)
      for (const candidate of [ref, `origin/${ref}`]) {
        const r = await asks(['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`], dir)()
        if (E.isLeft(r) || r.right) return r
      }
      return E.right(false)
    },
    checkout: (dir, ref) =>
      ref.startsWith('-')
        ? TE.left(vcsFailed(`git checkout ${ref}`, 'not a reference'))
        : TE.map(() => undefined)(must(`git checkout ${ref}`, ['checkout', '--quiet', ref], dir)),
    isDirty: (dir) =>
      TE.map((out: string) => out.trim() !== '')(
        must('git status', ['status', '--porcelain', '--untracked-files=no'], dir),
      ),
    update: (dir) => async () => {
      const fetched = await must('git fetch', ['fetch', '--quiet', '--tags', 'origin'], dir)()
      if (E.isLeft(fetched)) return fetched
      const onBranch = await asks(['symbolic-ref', '--quiet', 'HEAD'], dir)()
      if (E.isLeft(onBranch) || !onBranch.right) return E.map(() => undefined)(onBranch)
      return TE.map(() => undefined)(must('git pull', ['pull', '--quiet', '--ff-only'], dir))()
    },
  }
}

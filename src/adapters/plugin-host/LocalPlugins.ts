import { spawn } from 'node:child_process'
import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import type { Readable, Writable } from 'node:stream'
import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { HelmError } from '../../domain/errors'
import { fileNotFound, fileUnreadable, fileUnwritable } from '../../domain/GeneralError'
import { pathIn } from '../../domain/path/SafePath'
import { decodePluginFile, PLUGIN_FILE } from '../../domain/plugin/PluginFile'
import { pluginMetadataMissing, pluginStartFailed } from '../../domain/plugin/PluginError'
import type { Captured, FoundPlugin, PathKind, Plugins, Run } from '../../ports/Plugins'

/** helm's standard streams, which a plugin's command inherits. */
export interface PluginStdio {
  readonly stdin: Readable
  readonly stdout: Writable
  readonly stderr: Writable
}

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e))
const code = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? ''
const isMissing = (e: unknown): boolean => ['ENOENT', 'ENOTDIR'].includes(code(e))

/** Largest output a downloader may print (charts are capped at 100 MiB unpacked; indexes reach tens of MB). */
const MAX_OUTPUT = 512 * 1024 * 1024

// Go's syscall error texts, as exec's `fork/exec PATH: ...` prints them
const startReason = (e: unknown): string =>
  code(e) === 'ENOENT'
    ? 'no such file or directory'
    : code(e) === 'EACCES'
      ? 'permission denied'
      : code(e) === 'ENOEXEC'
        ? 'exec format error'
        : errText(e)

const signals: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15, SIGPIPE: 13 }
const exitCode = (c: number | null, signal: NodeJS.Signals | null): number =>
  c ?? 128 + (signal ? (signals[signal] ?? 1) : 1)

const load = (dir: string): TE.TaskEither<HelmError, import('../../domain/plugin/PluginFile').PluginMetadata> => {
  const file = path.join(dir, PLUGIN_FILE)
  return pipe(
    TE.tryCatch(
      () => fs.readFile(file, 'utf8'),
      (e): HelmError => (isMissing(e) ? pluginMetadataMissing(dir) : fileUnreadable(file, errText(e))),
    ),
    TE.chainEitherKW((text) => decodePluginFile(file, text)),
  )
}

const scanOne = async (dir: string): Promise<FoundPlugin[]> => {
  let names: string[]
  try {
    names = (await fs.readdir(dir)).sort()
  } catch (e) {
    if (isMissing(e)) return []
    throw fileUnreadable(dir, errText(e))
  }
  const found: FoundPlugin[] = []
  for (const name of names) {
    const sub = path.join(dir, name)
    // Helm's glob DIR/*/plugin.yaml: entries holding a plugin.yaml (through links) are plugins
    const manifest = await fs.stat(path.join(sub, PLUGIN_FILE)).catch(() => undefined)
    if (manifest === undefined) continue
    found.push({ dir: sub, metadata: await load(sub)() })
  }
  return found
}

const inspect = (p: string, follow = false): TE.TaskEither<HelmError, O.Option<PathKind>> =>
  TE.tryCatch(
    async () => {
      const st = await (follow ? fs.stat(p) : fs.lstat(p)).catch((e) => {
        if (isMissing(e)) return undefined
        throw e
      })
      if (st === undefined) return O.none
      if (st.isSymbolicLink()) return O.some<PathKind>({ _tag: 'Link', target: await fs.readlink(p) })
      return O.some<PathKind>(st.isDirectory() ? { _tag: 'Folder' } : { _tag: 'File' })
    },
    (e) => fileUnreadable(p, errText(e)),
  )

/** Runs `r`; while it runs, helm's interrupt and termination signals go to it (helm waits for its code). */
const run =
  (stdio: PluginStdio) =>
  (r: Run): TE.TaskEither<HelmError, number> =>
  () =>
    new Promise((resolve) => {
      const own = stdio.stdin === process.stdin && stdio.stdout === process.stdout && stdio.stderr === process.stderr
      const child = spawn(r.file, [...r.args], {
        env: r.env,
        cwd: r.cwd,
        stdio: own ? 'inherit' : ['pipe', 'pipe', 'pipe'],
      })
      const forward = (s: NodeJS.Signals) => () => void child.kill(s)
      const forwarded = own ? (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((s) => [s, forward(s)] as const) : []
      for (const [s, f] of forwarded) process.on(s, f)
      const done = (v: E.Either<HelmError, number>) => {
        for (const [s, f] of forwarded) process.off(s, f)
        resolve(v)
      }
      if (!own) {
        child.stdout?.pipe(stdio.stdout, { end: false })
        child.stderr?.pipe(stdio.stderr, { end: false })
        if (child.stdin) {
          child.stdin.on('error', () => undefined)
          stdio.stdin.pipe(child.stdin)
        }
      }
      child.on('error', (e) => done(E.left(pluginStartFailed(r.file, startReason(e)))))
      child.on('close', (c, signal) => {
        if (!own && child.stdin) stdio.stdin.unpipe(child.stdin)
        done(E.right(exitCode(c, signal)))
      })
    })

const capture =
  (r: Run): TE.TaskEither<HelmError, Captured> =>
  () =>
    new Promise((resolve) => {
      const child = spawn(r.file, [...r.args], { env: r.env, cwd: r.cwd, stdio: ['ignore', 'pipe', 'pipe'] })
      const out: Buffer[] = []
      let size = 0
      let err = ''
      child.stdout.on('data', (c: Buffer) => {
        size += c.length
        if (size > MAX_OUTPUT) child.kill('SIGKILL')
        else out.push(c)
      })
      child.stderr.on('data', (c: Buffer) => {
        if (err.length < 64 * 1024) err += c.toString('utf8')
      })
      child.on('error', (e) => resolve(E.left(pluginStartFailed(r.file, startReason(e)))))
      child.on('close', (c, signal) => {
        const stdout = Buffer.concat(out)
        resolve(
          E.right({
            code: size > MAX_OUTPUT ? 1 : exitCode(c, signal),
            stdout: new Uint8Array(stdout.buffer, stdout.byteOffset, stdout.byteLength),
            stderr: size > MAX_OUTPUT ? `output larger than ${MAX_OUTPUT / 1024 / 1024} MiB` : err,
          }),
        )
      })
    })

/**
 * Plugins on the local disk and as child processes: plugin folders found by their plugin.yaml, installs made as
 * symbolic links (Helm v2's installers link) or unpacked copies, programs started directly (no shell) with helm's
 * standard streams (`stdio`) attached; while one runs, SIGINT/SIGTERM/SIGHUP to helm are passed on to it.
 */
export const localPlugins = (stdio: PluginStdio): Plugins => ({
  name: 'local',
  scan: (dirs) =>
    TE.tryCatch(
      async () => (await Promise.all(dirs.map(scanOne))).flat(),
      (e) => (typeof e === 'object' && e !== null && '_tag' in e ? (e as HelmError) : fileUnreadable('', errText(e))),
    ),
  load,
  inspect,
  realPath: (p) =>
    TE.tryCatch(
      () => fs.realpath(p),
      (e) => (isMissing(e) ? fileNotFound(p) : fileUnreadable(p, errText(e))),
    ),
  link: (target, at) =>
    TE.tryCatch(
      async () => {
        await fs.mkdir(path.dirname(at), { recursive: true })
        await fs.symlink(target, at)
      },
      (e) => fileUnwritable(at, code(e) === 'EEXIST' ? 'file exists' : errText(e)),
    ),
  unpack: (dir, files) =>
    pipe(
      TE.fromEither(E.traverseArray((f: (typeof files)[number]) => pathIn('plugin file', dir, f.path))(files)),
      TE.chainW((targets) =>
        TE.tryCatch(
          async () => {
            await fs.mkdir(dir, { recursive: true })
            for (const [i, target] of targets.entries()) {
              const f = files[i] as (typeof files)[number]
              await fs.mkdir(path.dirname(target), { recursive: true })
              // owner may always read and write; execute bits as archived (scripts run)
              const mode = (f.mode & 0o777) | 0o600
              await fs.writeFile(target, f.data, { mode, flag: 'wx' })
              await fs.chmod(target, mode)
            }
          },
          (e) => fileUnwritable(dir, errText(e)),
        ),
      ),
    ),
  remove: (p) =>
    TE.tryCatch(
      () => fs.rm(p, { recursive: true, force: true }),
      (e) => fileUnwritable(p, errText(e)),
    ),
  run: run(stdio),
  capture,
})

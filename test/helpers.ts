import * as E from 'fp-ts/Either'
import * as assert from 'uvu/assert'
import { runHelm } from '../src/cli/run'
import { PassThrough } from 'node:stream'

/** Narrows an Either to its Right, failing the test with the Left otherwise. */
export const assertRight = <L, R>(e: E.Either<L, R>): R => {
  if (E.isLeft(e)) assert.unreachable(`expected Right, got Left ${JSON.stringify(e.left)}`)
  return (e as E.Right<R>).right
}

/** Narrows an Either to its Left, failing the test with the Right otherwise. */
export const assertLeft = <L, R>(e: E.Either<L, R>): L => {
  if (E.isRight(e)) assert.unreachable(`expected Left, got Right ${JSON.stringify(e.right)}`)
  return (e as E.Left<L>).left
}

/** Runs `helm ARGS` in-process and captures what it prints. */
export const helm = async (
  args: ReadonlyArray<string>,
  opts: { readonly cwd?: string; readonly env?: Record<string, string>; readonly stdin?: string } = {},
): Promise<{ readonly code: number; readonly stdout: string; readonly stderr: string }> => {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  const stdin = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (c) => (out += c))
  stderr.on('data', (c) => (err += c))
  stdin.end(opts.stdin ?? '')
  const code = await runHelm(args, {
    stdin,
    stdout,
    stderr,
    env: { HOME: process.env.HOME ?? '/tmp', ...opts.env },
    cwd: opts.cwd ?? process.cwd(),
  })
  return { code, stdout: out, stderr: err }
}

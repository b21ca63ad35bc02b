import { writeSync } from 'node:fs'
import type { Readable, Writable } from 'node:stream'

/**
 * helm's stdout or stderr written straight to its file descriptor, without node's stream for it: making
 * `process.stdout` costs every run ~2 ms CPU (node's stream modules, and `net` when it is a pipe) for output that
 * is a few writes. Each write is complete when it returns (partial writes continue), as node's own stdout is for
 * files, pipes and terminals on POSIX, so the bytes and their order are the same.
 *
 * A reader that went away (EPIPE) ends helm with SIGPIPE's status, 141, as `onStreamError` does for the stream.
 * Any other failure (a non-blocking descriptor that is full: EAGAIN; a closed one) hands the unwritten rest, and
 * every later write, to node's stream (`stream()`), which then does what node does. On Windows the stream is used
 * from the start (its console writes are not plain byte writes).
 */
export interface FdOutput {
  readonly write: (chunk: string | Uint8Array, encoding?: unknown, done?: unknown) => boolean
  /** node's stream for this descriptor (made now if it was not yet): for child processes that inherit it. */
  readonly stream: () => Writable
}

/** Ends helm quietly with SIGPIPE's status on a reader gone away; any other stream error is thrown (node's default). */
export const onStreamError = (e: NodeJS.ErrnoException): void => {
  if (e.code !== 'EPIPE') throw e
  process.exit(141)
}

const own = Symbol('wheelhouse.fdOutput')

export const fdOutput = (fd: number, stream: () => Writable): FdOutput & Writable => {
  let fallback: Writable | undefined = process.platform === 'win32' ? stream() : undefined
  const write = (chunk: string | Uint8Array, encoding?: unknown, done?: unknown): boolean => {
    const callback = typeof encoding === 'function' ? encoding : done
    if (fallback !== undefined) return fallback.write(chunk, callback as () => void)
    const bytes =
      typeof chunk === 'string'
        ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
        : chunk
    let at = 0
    try {
      while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EPIPE') process.exit(141)
      fallback = stream()
      return fallback.write(bytes.subarray(at), callback as () => void)
    }
    if (typeof callback === 'function') process.nextTick(callback as () => void)
    return true
  }
  const output: FdOutput = { write, stream: () => fallback ?? stream() }
  return Object.assign(output, { [own]: true }) as unknown as FdOutput & Writable
}

/** `output`'s node stream when it is an FdOutput, else `output` itself. */
export const streamOf = <T extends Writable>(output: T): T => {
  return own in output ? ((output as unknown as FdOutput).stream() as T) : output
}

/**
 * The streams a child process attaches to (src/adapters/plugin-host/LocalPlugins: a plugin inherits helm's own
 * when they are node's process streams): node's stream for an FdOutput, each read when the child starts.
 */
export const childStdio = (context: {
  readonly stdin: Readable
  readonly stdout: Writable
  readonly stderr: Writable
}) => ({
  get stdin() {
    return context.stdin
  },
  get stdout() {
    return streamOf(context.stdout)
  },
  get stderr() {
    return streamOf(context.stderr)
  },
})

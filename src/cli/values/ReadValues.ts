import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import { readFile } from 'node:fs/promises'
import { isAbsolute, join } from 'node:path'
import type { HelmError } from '../../domain/errors'
import { fileNotFound, fileUnreadable } from '../../domain/GeneralError'
import type { GoMap } from '../../domain/go/Value'
import { parseSet, parseSetFile, parseSetJson, parseSetLiteral, parseSetString } from '../../domain/values/Strvals'
import { mergeMaps } from '../../domain/values/MergeMaps'
import { parseValuesFile } from '../../domain/values/ValuesFile'

import type { ValueOptions } from '../../domain/values/ValueOptions'

export type { ValueOptions }

/** The value flags as commands declare them: `-f/--values`, `--set`, `--set-string`, `--set-file`, `--set-json`, `--set-literal`. */
export interface ValueFlags {
  readonly valueFiles: ReadonlyArray<string>
  readonly set: ReadonlyArray<string>
  readonly setString: ReadonlyArray<string>
  readonly setFile: ReadonlyArray<string>
  readonly setJson: ReadonlyArray<string>
  readonly setLiteral: ReadonlyArray<string>
}

/** A command's value flags as ValueOptions. */
export const valueOptions = (f: ValueFlags): ValueOptions => ({
  valueFiles: f.valueFiles,
  values: f.set,
  stringValues: f.setString,
  fileValues: f.setFile,
  jsonValues: f.setJson,
  literalValues: f.setLiteral,
})

/** All of a stream (standard input for `-f -`, `--passphrase-file -`) as UTF-8 text. */
export const readStream = async (stream: NodeJS.ReadableStream): Promise<string> => {
  let text = ''
  for await (const chunk of stream)
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8')
  return text
}

/** Where relative paths start and how `-` reads standard input (read at most once). */
export interface ValueSources {
  readonly cwd: string
  readonly readStdin: () => Promise<string>
  /** Hears every 5 s what the download of an http(s) values file still waits for. */
  readonly progress?: (line: string) => void
}

type Read =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly error: HelmError; readonly reason: string }

const readSource =
  (src: ValueSources, stdin: () => Promise<string>) =>
  async (path: string): Promise<Read> => {
    if (path.trim() === '-') return { ok: true, text: await stdin() }
    // Helm reads http(s) URLs through its getters; any other text is a file path.
    if (/^https?:\/\//i.test(path)) {
      const { httpGet } = await import('../../adapters/http-repo/HttpGet')
      const { message } = await import('../../domain/errors')
      const r = await httpGet(path, {}, src.progress ? { progress: src.progress } : {})()
      return E.isRight(r)
        ? { ok: true, text: Buffer.from(r.right).toString('utf8') }
        : { ok: false, error: r.left, reason: message(r.left) }
    }
    try {
      return { ok: true, text: await readFile(isAbsolute(path) ? path : join(src.cwd, path), 'utf8') }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      if (code === 'ENOENT')
        return { ok: false, error: fileNotFound(path), reason: `open ${path}: no such file or directory` }
      const reason = code === 'EISDIR' ? `read ${path}: is a directory` : `open ${path}: ${(e as Error).message}`
      return { ok: false, error: fileUnreadable(path, reason), reason }
    }
  }

/**
 * Gathers the user's values from the flags in Helm 4's order: `-f` files (each a YAML stream, `-` is
 * standard input, http(s) URLs are fetched) merged in order, then `--set-json`, `--set`, `--set-string`, `--set-file` (values
 * are file contents), `--set-literal`. Fails with FileNotFound, InvalidValuesFile, InvalidSetData or InvalidSetJson.
 */
export const readValues =
  (opts: ValueOptions, src: ValueSources): TE.TaskEither<HelmError, GoMap> =>
  async () => {
    let cached: Promise<string> | undefined
    const stdin = () => (cached ??= src.readStdin())
    const read = readSource(src, stdin)
    let base: GoMap = {}
    for (const f of opts.valueFiles ?? []) {
      const r = await read(f)
      if (!r.ok) return E.left(r.error)
      const parsed = parseValuesFile(f, r.text)
      if (E.isLeft(parsed)) return parsed
      base = mergeMaps(base, parsed.right)
    }
    const steps: ReadonlyArray<
      [ReadonlyArray<string> | undefined, (e: string, b: GoMap) => E.Either<HelmError, GoMap>]
    > = [
      [opts.jsonValues, parseSetJson],
      [opts.values, parseSet],
      [opts.stringValues, parseSetString],
    ]
    for (const [exprs, parse] of steps)
      for (const e of exprs ?? []) {
        const r = parse(e, base)
        if (E.isLeft(r)) return r
        base = r.right
      }
    for (const e of opts.fileValues ?? []) {
      // The parser is synchronous: a first pass learns which files the expression names, a second reads them.
      const wanted = new Set<string>()
      parseSetFile(
        e,
        (p) => {
          wanted.add(p)
          return E.right('')
        },
        base,
      )
      const contents = new Map<string, Read>()
      for (const p of wanted) contents.set(p, await read(p))
      const r = parseSetFile(
        e,
        (p) => {
          const c = contents.get(p)
          return c === undefined
            ? E.left(`open ${p}: no such file or directory`)
            : c.ok
              ? E.right(c.text)
              : E.left(c.reason)
        },
        base,
      )
      if (E.isLeft(r)) return r
      base = r.right
    }
    for (const e of opts.literalValues ?? []) {
      const r = parseSetLiteral(e, base)
      if (E.isLeft(r)) return r
      base = r.right
    }
    return E.right(base)
  }

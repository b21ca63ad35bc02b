import { Buffer } from 'node:buffer'
import * as zlib from 'node:zlib'
import * as E from 'fp-ts/Either'
import { compareBytes } from '../../go/Value'
import type { ChartFile } from '../Chart'
import { type ChartError, chartFileTooLarge, chartTooLarge, invalidChartFile, unsafeArchive } from '../ChartError'
import { readTar, TarError, writeTar } from './Tar'

/** Bounds on what reading one archive may unpack. */
export interface ArchiveLimits {
  /** Total bytes of file contents (Helm 4's MaxDecompressedChartSize: 100 MiB). */
  readonly maxBytes: number
  /** Bytes of any one file (Helm 4's MaxDecompressedFileSize: 5 MiB; its folder loader applies it too). */
  readonly maxFileBytes: number
  /** Number of tar entries. */
  readonly maxFiles: number
}

export const defaultArchiveLimits: ArchiveLimits = {
  maxBytes: 100 * 1024 * 1024,
  maxFileBytes: 5 * 1024 * 1024,
  maxFiles: 20_000,
}

/** The fixed modification time written into every packaged entry (1980-01-01T00:00:00Z), for reproducible archives. */
export const ARCHIVE_MTIME = 315532800

// Helm's chartutil.Save writes this gzip header Extra field and the comment "Helm".
const HELM_GZIP_EXTRA = Buffer.from('+aHR0cHM6Ly95b3V0dS5iZS96OVV6MWljandyTQo=')

const gunzipBounded = (bytes: Uint8Array, limit: number): Uint8Array => {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) throw new TarError('gzip: invalid header')
  // maxOutputLength makes zlib stop as soon as the output would pass the limit: a bomb fails fast.
  return zlib.gunzipSync(bytes, { maxOutputLength: limit })
}

const normalizeName = (name: string): string => name.replace(/\\/g, '/')

const isAbsolute = (n: string): boolean => n.startsWith('/') || /^[a-zA-Z]:/.test(n)

/** Resolves `target` relative to the directory of `from` (both archive paths); undefined if it climbs out of the root. */
const resolveLink = (from: string, target: string): string | undefined => {
  const parts = from.split('/').slice(0, -1)
  for (const seg of target.split('/')) {
    if (seg === '' || seg === '.') continue
    if (seg === '..') {
      if (parts.length === 0) return undefined
      parts.pop()
    } else parts.push(seg)
  }
  return parts.join('/')
}

/** A regular file of an archive: its path (the top folder included, `/`-separated), bytes and permission bits. */
export interface ArchiveFile {
  readonly name: string
  readonly data: Uint8Array
  readonly mode: number
}

/**
 * The project's safe reader of `.tar.gz`/`.tgz` archives: the regular files of `bytes`, in archive order, a backslash
 * in a name read as `/`. Refuses (UnsafeArchive) absolute paths, `..`, symlinks or hard links leading out of the archive's
 * top folder, device files and fifos, other entry types, and more than `limits.maxFiles` entries; ChartFileTooLarge
 * for one file over `limits.maxFileBytes` and ChartTooLarge over `limits.maxBytes` unpacked in all (failing fast on a
 * decompression bomb), worded as Helm 4's LoadArchiveFiles. A link inside the top folder reads as a copy of the file
 * it names. InvalidChartFile for a corrupt stream.
 */
export const readArchiveFiles = (
  bytes: Uint8Array,
  origin: string,
  limits: ArchiveLimits = defaultArchiveLimits,
): E.Either<ChartError, ReadonlyArray<ArchiveFile>> => {
  let total = 0
  let count = 0
  const refuse = (reason: string): never => {
    throw new Refused(unsafeArchive(origin, reason))
  }
  const tooLarge = (): never => {
    throw new Refused(chartTooLarge(origin, limits.maxBytes))
  }
  try {
    let tar: Uint8Array
    try {
      tar = gunzipBounded(bytes, limits.maxBytes + limits.maxFiles * 1024 + 1024 * 1024)
    } catch (e) {
      if (e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
        return E.left(chartTooLarge(origin, limits.maxBytes))
      throw e
    }
    const entries = readTar(tar, (rawName, type, size, linkname) => {
      const name = normalizeName(rawName)
      if (++count > limits.maxFiles) refuse(`more than ${limits.maxFiles} entries`)
      if (isAbsolute(name)) refuse(`entry "${rawName}" has an absolute path`)
      if (name.split('/').includes('..')) refuse(`entry "${rawName}" references a parent directory`)
      if (type === '3' || type === '4' || type === '6') refuse(`entry "${rawName}" is a device or fifo`)
      if (type === '1' || type === '2') {
        const target = normalizeName(linkname)
        const top = name.split('/')[0] ?? ''
        const resolved = isAbsolute(target) ? undefined : resolveLink(type === '1' ? '' : name, target)
        if (resolved === undefined || resolved.split('/')[0] !== top || resolved === top)
          refuse(`link "${rawName}" points outside the chart (${linkname})`)
      }
      // Helm 4 checks the whole chart first, then the file, and refuses a chart that reaches the limit exactly
      if (size > limits.maxBytes - total) tooLarge()
      if (size > limits.maxFileBytes) throw new Refused(chartFileTooLarge(origin, rawName, limits.maxFileBytes, true))
      total += size
      if (total >= limits.maxBytes) tooLarge()
    })
    const byName = new Map<string, { data: Uint8Array; mode: number }>()
    const links: Array<[string, string]> = []
    for (const e of entries) {
      const name = normalizeName(e.name)
      if (e.type === '0' || e.type === '7') byName.set(name, { data: e.data, mode: e.mode })
      else if (e.type === '1') links.push([name, normalizeName(e.linkname)])
      else if (e.type === '2') links.push([name, resolveLink(name, normalizeName(e.linkname)) ?? ''])
      else if (e.type !== '5') refuse(`entry "${e.name}" has unsupported type ${JSON.stringify(e.type)}`)
    }
    // A link inside the archive reads as a copy of its target, as it would once extracted.
    for (const [name, target] of links) {
      const file = byName.get(target)
      if (file === undefined) refuse(`link "${name}" points to "${target}", which is not a file of the archive`)
      else byName.set(name, file)
    }
    return E.right([...byName].map(([name, f]) => ({ name, data: f.data, mode: f.mode })))
  } catch (e) {
    if (e instanceof Refused) return E.left(e.error)
    return E.left(invalidChartFile(origin, [e instanceof Error ? e.message : String(e)]))
  }
}

/**
 * Unpacks a chart archive (`.tgz`) into its files, paths relative to the archive's top folder (which
 * is dropped, as Helm's loader does), UTF-8 BOMs trimmed, through `readArchiveFiles` (whose refusals apply).
 * Also fails with InvalidChartFile for a corrupt stream or an archive Helm would not load.
 */
export const readChartArchive = (
  bytes: Uint8Array,
  origin: string,
  limits: ArchiveLimits = defaultArchiveLimits,
): E.Either<ChartError, ReadonlyArray<ChartFile>> => {
  const read = readArchiveFiles(bytes, origin, limits)
  if (E.isLeft(read)) return read
  const files: ChartFile[] = []
  for (const { name, data } of read.right) {
    const parts = name.split('/')
    if (parts[0] === 'Chart.yaml') return E.left(invalidChartFile(origin, ['chart yaml not in base directory']))
    const rel = parts
      .slice(1)
      .filter((p) => p !== '' && p !== '.')
      .join('/')
    if (rel === '')
      return E.left(
        invalidChartFile(origin, [`chart illegally contains content outside the base directory: "${name}"`]),
      )
    const bom = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf
    files.push({ path: rel, data: bom ? data.subarray(3) : data })
  }
  if (files.length === 0) return E.left(invalidChartFile(origin, ['no files in chart archive']))
  return E.right(files)
}

class Refused extends Error {
  constructor(readonly error: ChartError) {
    super(error._tag)
  }
}

/** gzip with Helm's header (no name, mtime 0, Extra field and comment "Helm"): same input, same bytes. */
const helmGzip = (data: Uint8Array): Uint8Array => {
  const head = Buffer.alloc(12)
  head.set([0x1f, 0x8b, 8, 4 | 16, 0, 0, 0, 0, 0, 255])
  head.writeUInt16LE(HELM_GZIP_EXTRA.length, 10)
  const tail = Buffer.alloc(8)
  tail.writeUInt32LE(zlib.crc32(data) >>> 0, 0)
  tail.writeUInt32LE(data.length % 2 ** 32, 4)
  return Buffer.concat([head, HELM_GZIP_EXTRA, Buffer.from('Helm\0'), zlib.deflateRawSync(data, { level: 9 }), tail])
}

/**
 * A reproducible chart archive: every file under the single top folder `topDir`, entries sorted by
 * path, fixed mtime (`ARCHIVE_MTIME`), mode 0644, Helm's gzip header. The same files give the same bytes.
 */
export const writeChartArchive = (topDir: string, files: ReadonlyArray<ChartFile>): Uint8Array => {
  const sorted = [...files].sort((a, b) => compareBytes(a.path, b.path))
  return helmGzip(
    writeTar(
      sorted.map((f) => ({ path: `${topDir}/${f.path}`, data: f.data })),
      ARCHIVE_MTIME,
    ),
  )
}

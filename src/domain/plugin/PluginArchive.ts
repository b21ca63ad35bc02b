import * as E from 'fp-ts/Either'
import { type ArchiveFile, readArchiveFiles } from '../chart/archive/Archive'
import type { ChartError } from '../chart/ChartError'
import { PLUGIN_FILE } from './PluginFile'
import { type PluginError, pluginMetadataMissing } from './PluginError'

/** A file of a plugin, its path relative to the plugin's folder, with its permission bits (scripts run). */
export interface PluginFileEntry {
  readonly path: string
  readonly data: Uint8Array
  readonly mode: number
}

/**
 * The files of a plugin archive (`.tar.gz`/`.tgz`) read with the safe archive reader (its refusals: traversal,
 * absolute paths, links out of the archive, devices, bombs): plugin.yaml at the top, as Helm v2 unpacks it, or
 * inside the archive's one top folder (how release tarballs are often made), which is then dropped.
 * PluginMetadataMissing when neither holds a plugin.yaml.
 */
export const readPluginArchive = (
  bytes: Uint8Array,
  origin: string,
): E.Either<ChartError | PluginError, ReadonlyArray<PluginFileEntry>> => {
  const read = readArchiveFiles(bytes, origin)
  if (E.isLeft(read)) return read
  const files = read.right.map((f): ArchiveFile => ({ ...f, name: f.name.replace(/^(\.\/)+/, '') }))
  if (files.some((f) => f.name === PLUGIN_FILE)) return E.right(files.map((f) => ({ ...f, path: f.name })))
  const tops = new Set(files.map((f) => f.name.split('/')[0]))
  const [top] = tops
  if (tops.size === 1 && top !== undefined && files.some((f) => f.name === `${top}/${PLUGIN_FILE}`))
    return E.right(
      files
        .filter((f) => f.name.startsWith(`${top}/`))
        .map((f) => ({ path: f.name.slice(top.length + 1), data: f.data, mode: f.mode })),
    )
  return E.left(pluginMetadataMissing(origin))
}

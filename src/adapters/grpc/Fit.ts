// Answers that must fit in one gRPC message (Helm v2 clients receive at most 20 MiB).
import type { ListReleasesResponse } from '../../domain/release/ReleaseService'
import type { ProtoRelease } from '../../domain/release/proto/ReleaseMessage'
import { encodeMessage } from './Proto'
import { MAX_MESSAGE_BYTES } from './Service'
import * as M from './ServiceMessages'

/** Room kept for the rest of a message around its releases (field tags, lengths, other fields). */
const SLACK = 64 * 1024
const sizeOf = (p: ProtoRelease): number => encodeMessage('hapi.release.Release', p).length + 16

/**
 * ListReleases answers, each under the cap: Helm v2 splits the list over the stream's messages, and no
 * match sends no message at all.
 */
export const listReleasesChunks = (
  res: ListReleasesResponse,
  limit = MAX_MESSAGE_BYTES,
): Array<Record<string, unknown>> => {
  const chunks: Array<Record<string, unknown>> = []
  let current: ProtoRelease[] = []
  let size = 0
  const flush = () => {
    chunks.push({ count: res.count, next: res.next, total: res.total, releases: current })
    current = []
    size = 0
  }
  for (const r of res.releases) {
    const p = M.toProtoRelease(r)
    const n = sizeOf(p)
    if (current.length > 0 && size + n > limit - SLACK) flush()
    current.push(p)
    size += n
  }
  if (current.length > 0) flush()
  return chunks
}

/**
 * A revision as `helm history` reads it: name, version, namespace, info and the chart's metadata, without
 * the chart's files, the config, the manifest and the hooks.
 */
export const historyEntry = (p: ProtoRelease): ProtoRelease => ({
  name: p.name ?? '',
  info: p.info ?? null,
  chart: { metadata: p.chart?.metadata ?? null, templates: [], dependencies: [], values: null, files: [] },
  config: null,
  manifest: '',
  hooks: [],
  version: p.version ?? 0,
  namespace: p.namespace ?? '',
})

/**
 * A GetHistory answer (newest first) that fits one message: GetHistory is unary in Helm v2, so when the
 * revisions do not fit whole, the oldest are sent as history entries (what `helm history` prints) until
 * the answer fits; the newest stay whole as long as they can.
 */
export const historyWithin = (releases: ReadonlyArray<ProtoRelease>, limit = MAX_MESSAGE_BYTES): ProtoRelease[] => {
  const out = [...releases]
  const sizes = out.map(sizeOf)
  let total = sizes.reduce((a, b) => a + b, 0)
  for (let i = out.length - 1; i >= 0 && total > limit - SLACK; i--) {
    const entry = historyEntry(out[i]!)
    const n = sizeOf(entry)
    total += n - sizes[i]!
    out[i] = entry
  }
  return out
}

import * as E from 'fp-ts/Either'
import type { Chart } from '../../domain/chart/Chart'
import type { Deps } from './Deps'
import type { HelmError } from '../../domain/errors'
import type { KubeError } from '../../domain/release/KubeError'
import { apiVersionsOf, type Discovery } from '../../domain/release/KubeObject'
import { helmV2Rules, joinManifests, sortManifests } from '../../domain/manifest/Manifest'
import { readHeadKeepingObject } from '../../domain/release/Manifest'
import { manifestParseError } from '../../domain/release/ReleaseError'
import type { Hook } from '../../domain/manifest/Hook'
import { chartIncompatible } from '../../domain/release/ReleaseError'
import type { GoMap } from '../../domain/go/Value'
import { tillerVersion } from '../../domain/transport/Version'
import { isCompatibleRange } from '../../domain/semver/V1'

/** A chart rendered for one revision: the manifest text, hooks, notes and the render's chart. */
export interface Prepared {
  readonly manifest: string
  readonly hooks: ReadonlyArray<Hook>
  readonly notes: string
  readonly values: GoMap
  readonly discovery: Discovery
}

/** Helm v2's `tillerVersion` check of Chart.yaml, Masterminds v1 as v2 reads it (the render checks `kubeVersion`). */
const checkCompatible = (chart: Chart): E.Either<HelmError, void> => {
  const tv = chart.metadata.tillerVersion
  if (tv && !isCompatibleRange(tv, tillerVersion.semVer))
    return E.left(chartIncompatible(`Chart incompatible with Tiller ${tillerVersion.semVer}`))
  return E.right(undefined)
}

/**
 * Renders `chart` with the user's values for one revision: discovery gives `.Capabilities`, the render
 * engine the files, then hooks are split off and manifests kind-sorted (Helm v2 `renderResources`).
 */
export const prepare = async (
  d: Deps,
  chart: Chart,
  userValues: GoMap,
  rel: {
    readonly name: string
    readonly namespace: string
    readonly revision: number
    readonly isUpgrade: boolean
    readonly subNotes?: boolean | undefined
  },
  // started by the caller alongside its own reads (the release's history), to save a round trip
  discovering: Promise<E.Either<KubeError, Discovery>> = d.kube.discover()(),
): Promise<E.Either<HelmError, Prepared>> => {
  const discovery = await discovering
  if (E.isLeft(discovery)) return discovery
  const compatible = checkCompatible(chart)
  if (E.isLeft(compatible)) return compatible
  const rendered = await d.engine.render(
    chart,
    userValues,
    {
      releaseName: rel.name,
      namespace: rel.namespace,
      revision: rel.revision,
      isInstall: !rel.isUpgrade,
      isUpgrade: rel.isUpgrade,
      kubeVersion: discovery.right.serverVersion.gitVersion,
      apiVersions: apiVersionsOf(discovery.right),
      subNotes: rel.subNotes ?? false,
      // Helm v2's render values: .Release.Service "Tiller", .Release.Time, .Capabilities.TillerVersion
      tiller: { version: tillerVersion, time: d.clock.now() },
    },
    { now: d.clock.now, randomBytes: d.random.bytes, warn: d.log.warn },
  )()
  if (E.isLeft(rendered)) return rendered
  // one read per document: the sort keeps each document's object for the apply that follows
  const sorted = sortManifests(rendered.right.files, helmV2Rules, undefined, readHeadKeepingObject)
  if (E.isLeft(sorted)) return E.left(manifestParseError(sorted.left.path, sorted.left.reason))
  return E.right({
    manifest: joinManifests(sorted.right.manifests),
    hooks: sorted.right.hooks,
    notes: rendered.right.notes,
    values: rendered.right.values,
    discovery: discovery.right,
  })
}

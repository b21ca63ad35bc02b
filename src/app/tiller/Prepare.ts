import * as E from 'fp-ts/Either'
import semver from 'semver'
import { parse } from 'yaml'
import type { Chart } from '../../domain/chart/Chart'
import type { Deps } from './Deps'
import type { HelmError } from '../../domain/errors'
import { invalidArgument } from '../../domain/GeneralError'
import { apiVersionsOf, type Discovery } from '../../domain/release/KubeObject'
import { joinManifests, sortManifests } from '../../domain/release/Manifest'
import type { Hook } from '../../domain/release/Release'
import { chartIncompatible } from '../../domain/release/ReleaseError'
import type { GoMap } from '../../domain/go/Value'

/** The version Tiller reports and checks `tillerVersion` constraints against. */
export const tillerVersion = { semVer: 'v2.17.0', gitCommit: '', gitTreeState: 'clean' } as const

/** A chart rendered for one revision: the manifest text, hooks, notes and the render's chart. */
export interface Prepared {
  readonly manifest: string
  readonly hooks: ReadonlyArray<Hook>
  readonly notes: string
  readonly values: GoMap
  readonly discovery: Discovery
}

/** Parses a Config's raw YAML (empty → {}); InvalidArgument when it is not a YAML map. */
export const parseConfig = (raw: string | undefined): E.Either<HelmError, GoMap> => {
  if (raw === undefined || raw.trim() === '') return E.right({})
  try {
    const v = parse(raw, { uniqueKeys: false, merge: true }) as unknown
    if (v === null || v === undefined) return E.right({})
    if (typeof v !== 'object' || Array.isArray(v))
      return E.left(invalidArgument(`error converting YAML to JSON: values are not a map`))
    return E.right(v as GoMap)
  } catch (err) {
    return E.left(
      invalidArgument(
        `error converting YAML to JSON: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
      ),
    )
  }
}

/** Helm v2's `tillerVersion` check of Chart.yaml (the render checks `kubeVersion`). */
const checkCompatible = (chart: Chart): E.Either<HelmError, void> => {
  const tv = chart.metadata.tillerVersion
  if (tv && !semver.satisfies(tillerVersion.semVer.slice(1), tv, { includePrerelease: true }))
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
): Promise<E.Either<HelmError, Prepared>> => {
  const discovery = await d.kube.discover()()
  if (E.isLeft(discovery)) return discovery
  const compatible = checkCompatible(chart)
  if (E.isLeft(compatible)) return compatible
  const rendered = d.engine.render(
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
    },
    { now: d.clock.now, randomBytes: d.random.bytes, warn: d.log.warn },
  )
  if (E.isLeft(rendered)) return rendered
  const sorted = sortManifests(rendered.right.files)
  if (E.isLeft(sorted)) return sorted
  return E.right({
    manifest: joinManifests(sorted.right.manifests),
    hooks: sorted.right.hooks,
    notes: rendered.right.notes,
    values: rendered.right.values,
    discovery: discovery.right,
  })
}

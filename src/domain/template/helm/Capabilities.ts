import { type GoStruct, type Value, GoError, int } from '../../go/Value'
import { formatValue } from '../../go/Fmt'
import { type VersionInfo, timestampObject, versionObject } from './TillerBuiltins'

/** The Kubernetes version a render assumes when no cluster is asked (Helm 4.1.4's default). */
export const defaultKubeVersion = 'v1.35.0'

/** Helm's version as `.Capabilities.HelmVersion` reports it: the reference we render like (Helm 4.1.4). */
export const helmVersionInfo = {
  Version: 'v4.1.4',
  GitCommit: '05fa37973dc9e42b76e1d2883494c87174b6074f',
  GitTreeState: 'clean',
  GoVersion: 'go1.25.9',
  KubeClientVersion: 'v1.35',
} as const

/** Helm 4.1.4's built-in API versions (client-go's scheme), in the order it lists them. */
export const defaultApiVersions: ReadonlyArray<string> = [
  'v1',
  'admissionregistration.k8s.io/v1',
  'admissionregistration.k8s.io/v1alpha1',
  'admissionregistration.k8s.io/v1beta1',
  'internal.apiserver.k8s.io/v1alpha1',
  'apps/v1',
  'apps/v1beta1',
  'apps/v1beta2',
  'authentication.k8s.io/v1',
  'authentication.k8s.io/v1alpha1',
  'authentication.k8s.io/v1beta1',
  'authorization.k8s.io/v1',
  'authorization.k8s.io/v1beta1',
  'autoscaling/v1',
  'autoscaling/v2',
  'autoscaling/v2beta1',
  'autoscaling/v2beta2',
  'batch/v1',
  'batch/v1beta1',
  'certificates.k8s.io/v1',
  'certificates.k8s.io/v1beta1',
  'certificates.k8s.io/v1alpha1',
  'coordination.k8s.io/v1alpha2',
  'coordination.k8s.io/v1beta1',
  'coordination.k8s.io/v1',
  'discovery.k8s.io/v1',
  'discovery.k8s.io/v1beta1',
  'events.k8s.io/v1',
  'events.k8s.io/v1beta1',
  'extensions/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1beta2',
  'flowcontrol.apiserver.k8s.io/v1beta3',
  'networking.k8s.io/v1',
  'networking.k8s.io/v1beta1',
  'node.k8s.io/v1',
  'node.k8s.io/v1alpha1',
  'node.k8s.io/v1beta1',
  'policy/v1',
  'policy/v1beta1',
  'rbac.authorization.k8s.io/v1',
  'rbac.authorization.k8s.io/v1beta1',
  'rbac.authorization.k8s.io/v1alpha1',
  'resource.k8s.io/v1',
  'resource.k8s.io/v1beta2',
  'resource.k8s.io/v1beta1',
  'resource.k8s.io/v1alpha3',
  'scheduling.k8s.io/v1alpha1',
  'scheduling.k8s.io/v1beta1',
  'scheduling.k8s.io/v1',
  'storage.k8s.io/v1beta1',
  'storage.k8s.io/v1',
  'storage.k8s.io/v1alpha1',
  'storagemigration.k8s.io/v1beta1',
  'apiextensions.k8s.io/v1beta1',
  'apiextensions.k8s.io/v1',
]

/**
 * A parsed Kubernetes version (Helm 4's `common.KubeVersion`): `version` is the text as given with a `v` in front
 * (`.Capabilities.KubeVersion.Version`, GitVersion), `normalized` its numeric components only (what the struct
 * prints as and what Chart.yaml `kubeVersion` is checked against), `major`/`minor` the first two as text.
 */
export interface KubeVersion {
  readonly version: string
  readonly normalized: string
  readonly major: string
  readonly minor: string
}

// k8s.io/apimachinery version.ParseGeneric: leading ASCII space, `v`, dot-separated numbers, then anything.
const GENERIC = /^[\t\n\v\f\r ]*v?([0-9]+(?:\.[0-9]+)*)(.*)*$/

/**
 * Parses a `--kube-version` value as Helm 4 does (`common.ParseKubeVersion` over k8s' ParseGeneric): at least
 * two numeric components, no leading zero in the first, any suffix kept in `version` but not in `normalized`.
 * Returns the version, or the reason Helm gives (`could not parse "x" as version`, `illegal version string "1"`).
 */
export const parseKubeVersion = (text: string): KubeVersion | string => {
  const m = GENERIC.exec(text)
  if (m === null) return `could not parse ${JSON.stringify(text)} as version`
  const components = m[1]!.split('.')
  if (components.length < 2) return `illegal version string ${JSON.stringify(text)}`
  const numbers: string[] = []
  for (const [i, c] of components.entries()) {
    if (i === 0 && c.startsWith('0') && c !== '0')
      return `illegal zero-prefixed version component ${JSON.stringify(c)} in ${JSON.stringify(text)}`
    const n = BigInt(c)
    if (n > 18446744073709551615n)
      return `illegal non-numeric version component ${JSON.stringify(c)} in ${JSON.stringify(text)}: strconv.ParseUint: parsing ${JSON.stringify(c)}: value out of range`
    numbers.push(n.toString())
  }
  return {
    version: text.startsWith('v') ? text : `v${text}`,
    normalized: `v${numbers.join('.')}`,
    major: numbers[0]!,
    minor: numbers[1]!,
  }
}

/** A struct of our own; `toPlain` gives its data to engines without methods (mustache). */
export interface PlainStruct extends GoStruct {
  readonly toPlain: () => Value
}

const struct = (
  goType: string,
  fields: Record<string, Value>,
  methods: Record<string, (...a: Value[]) => Value> = {},
  format?: () => string,
  plain?: () => Value,
): PlainStruct => ({
  goType,
  field: (name) => (name in fields ? { value: fields[name] } : undefined),
  method: (name) => methods[name],
  ...(format ? { format } : {}),
  toPlain: plain ?? (() => ({ ...fields })),
})

/** `.Capabilities.APIVersions`: a list of `group/version` (and `group/version/Kind`) strings with `Has`. */
export const apiVersionSet = (versions: ReadonlyArray<string>): GoStruct =>
  struct(
    'common.VersionSet',
    {},
    {
      Has: (...a) => {
        if (a.length !== 1) throw new GoError(`wrong number of args for Has: want 1 got ${a.length}`)
        return versions.includes(a[0] as string)
      },
    },
    () => formatValue([...versions]),
    () => [...versions],
  )

/**
 * `.Capabilities`: `APIVersions`, `KubeVersion` (`Version`, `Major`, `Minor`, `GitVersion`, prints as the version) and
 * `HelmVersion` (Helm 4's). With `tillerVersion`, Helm v2 Tiller's instead: `TillerVersion` (a `*version.Version`)
 * and no `HelmVersion` (v2's chartutil.Capabilities; `KubeVersion.Version` stays, for charts written for Helm 3).
 */
export const capabilitiesObject = (
  kube: KubeVersion,
  apiVersions: ReadonlyArray<string>,
  tillerVersion?: VersionInfo,
): GoStruct => {
  // String and GitVersion have pointer receivers: `{{ .Capabilities.KubeVersion }}` prints String(), while a copy
  // (`print`, `%v`) prints the struct with its unexported normalised version
  const struct_ = `{${kube.version} ${kube.normalized} ${kube.major} ${kube.minor}}`
  const kubeVersion: PlainStruct = {
    ...struct(
      'common.KubeVersion',
      { Version: kube.version, Major: kube.major, Minor: kube.minor },
      { String: () => kube.normalized, GitVersion: () => kube.version },
      () => struct_,
    ),
    printString: () => kube.normalized,
  }
  const set = apiVersionSet(apiVersions)
  if (tillerVersion) {
    const tv = versionObject(tillerVersion)
    return struct(
      '*chartutil.Capabilities',
      { APIVersions: set, KubeVersion: kubeVersion, TillerVersion: tv },
      {},
      () => `&{${set.format!()} ${kube.version} ${tv.format!()}}`,
    )
  }
  const hv = helmVersionInfo
  const helmVersion = struct(
    'version.BuildInfo',
    { ...hv },
    {},
    () => `{${hv.Version} ${hv.GitCommit} ${hv.GitTreeState} ${hv.GoVersion} ${hv.KubeClientVersion}}`,
  )
  return struct(
    '*common.Capabilities',
    { APIVersions: set, KubeVersion: kubeVersion, HelmVersion: helmVersion },
    {},
    () => `&{${set.format!()} ${struct_} ${helmVersion.format!()}}`,
  )
}

/**
 * `.Release` as Helm 4 builds it (a plain map; `Service` is "Helm", `Revision` a Go int); with `tillerTime`, as a
 * Helm v2 Tiller does (chartutil.ToRenderValuesCaps): `Service` is "Tiller" and `Time` the operation's timestamp.
 */
export const releaseObject = (r: {
  readonly name: string
  readonly namespace: string
  readonly revision: number
  readonly isInstall: boolean
  readonly isUpgrade: boolean
  readonly tillerTime?: Date | undefined
}): Record<string, Value> => ({
  Name: r.name,
  Namespace: r.namespace,
  IsUpgrade: r.isUpgrade,
  IsInstall: r.isInstall,
  Revision: int(r.revision),
  ...(r.tillerTime ? { Service: 'Tiller', Time: timestampObject(r.tillerTime) } : { Service: 'Helm' }),
})

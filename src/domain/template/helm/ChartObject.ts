import type { Dependency, Metadata } from '../../chart/Chart'
import type { GoMap, GoStruct, Value } from '../../go/Value'

const struct = (goType: string, fields: Record<string, Value>): GoStruct => ({
  goType,
  field: (name) => (name in fields ? { value: fields[name] } : undefined),
  method: () => undefined,
})

const dependencyStruct = (d: Dependency): GoStruct =>
  struct('*chart.Dependency', {
    Name: d.name,
    Version: d.version ?? '',
    Repository: d.repository ?? '',
    Condition: d.condition ?? '',
    Tags: [...(d.tags ?? [])],
    Enabled: d.enabled ?? false,
    ImportValues: (d.importValues ?? []).map((i) => (typeof i === 'string' ? i : { child: i.child, parent: i.parent })),
    Alias: d.alias ?? '',
  })

/**
 * `.Chart`: Helm 4 hands templates the chart metadata as a map with Go-cased keys (an unknown key is
 * simply empty, never an error) plus `IsRoot`.
 */
export const chartObject = (m: Metadata, isRoot: boolean): GoMap => ({
  APIVersion: m.apiVersion,
  Annotations: { ...(m.annotations ?? {}) },
  AppVersion: m.appVersion ?? '',
  Condition: m.condition ?? '',
  Dependencies: (m.dependencies ?? []).map(dependencyStruct),
  Deprecated: m.deprecated ?? false,
  Description: m.description ?? '',
  Home: m.home ?? '',
  Icon: m.icon ?? '',
  IsRoot: isRoot,
  Keywords: [...(m.keywords ?? [])],
  KubeVersion: m.kubeVersion ?? '',
  Maintainers: (m.maintainers ?? []).map((x) =>
    struct('*chart.Maintainer', { Name: x.name ?? '', Email: x.email ?? '', URL: x.url ?? '' }),
  ),
  Name: m.name,
  Sources: [...(m.sources ?? [])],
  Tags: m.tags ?? '',
  Type: m.type ?? '',
  Version: m.version,
})

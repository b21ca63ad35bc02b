// What the values tests compare with real Helm's `toJson .Values`: a chart tree of one template each,
// Go values as plain JSON data, and the template folder of every chart of a tree with the values path
// that chart sees.
import type { Chart, Dependency } from '../../../src/domain/chart/Chart'
import { type GoMap, GoInt, type Value } from '../../../src/domain/go/Value'
import { buildChart } from '../../support/charts'

/** A Go value as JSON data (ints as numbers, maps as plain objects). */
export const plain = (v: Value): unknown =>
  v instanceof GoInt
    ? Number(v.value)
    : Array.isArray(v)
      ? v.map(plain)
      : v !== null && typeof v === 'object' && !(v instanceof Uint8Array)
        ? Object.fromEntries(Object.entries(v as GoMap).map(([k, x]) => [k, plain(x as Value)]))
        : v

/** `[<base>/templates, values path]` for the chart and each subchart below it (`<base>/charts/<name>`). */
export const chartTree = (
  c: Chart,
  base: string,
  path: ReadonlyArray<string>,
): Array<[string, ReadonlyArray<string>]> => [
  [`${base}/templates`, path],
  ...c.dependencies.flatMap((d) => chartTree(d, `${base}/charts/${d.metadata.name}`, [...path, d.metadata.name])),
]

/** A chart `name` 0.1.0 with one (empty) template, the given values, subcharts and requirements. */
export const valuesChart = (
  name: string,
  values: GoMap,
  deps: ReadonlyArray<Chart>,
  requirements: ReadonlyArray<Dependency> = [],
): Chart => buildChart({ name, templates: { 't.yaml': '' }, values, dependencies: deps, requirements })

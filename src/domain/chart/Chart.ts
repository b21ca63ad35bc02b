import type { GoMap } from '../go/Value'

/**
 * Chart.yaml as Helm reads it (apiVersion v1 and v2). String fields follow Helm's read quirks (a YAML
 * number in a string field becomes its Go `FormatFloat(v, 'g', -1, 32)` text), see ChartFile.ts.
 */
export interface Metadata {
  readonly apiVersion: string
  readonly name: string
  readonly version: string
  readonly kubeVersion?: string
  readonly description?: string
  readonly type?: string
  readonly keywords?: ReadonlyArray<string>
  readonly home?: string
  readonly sources?: ReadonlyArray<string>
  readonly dependencies?: ReadonlyArray<Dependency>
  readonly maintainers?: ReadonlyArray<Maintainer>
  readonly icon?: string
  readonly appVersion?: string
  readonly deprecated?: boolean
  readonly annotations?: Readonly<Record<string, string>>
  readonly engine?: string
  readonly tillerVersion?: string
  readonly condition?: string
  readonly tags?: string
}

export interface Maintainer {
  readonly name?: string
  readonly email?: string
  readonly url?: string
}

/** One entry of requirements.yaml / Chart.yaml v2 `dependencies:` (or of a lock file, with the resolved version). */
export interface Dependency {
  readonly name: string
  readonly version?: string | undefined
  readonly repository?: string | undefined
  readonly condition?: string | undefined
  readonly tags?: ReadonlyArray<string> | undefined
  readonly enabled?: boolean | undefined
  readonly importValues?: ReadonlyArray<string | { readonly child: string; readonly parent: string }> | undefined
  readonly alias?: string | undefined
}

/** requirements.lock / Chart.lock. */
export interface Lock {
  readonly generated: string
  readonly digest: string
  readonly dependencies: ReadonlyArray<Dependency>
}

/** A file of a chart, path relative to the chart root with `/` separators. */
export interface ChartFile {
  readonly path: string
  readonly data: Uint8Array
}

/**
 * A loaded chart (Helm's chart.Chart): metadata, templates (`templates/...`), default values, the
 * JSON schema, every other file (README, crds/, requirements.yaml, files for `.Files`), and its
 * subcharts (from `charts/`, folders or archives), already filtered by `.helmignore`.
 */
export interface Chart {
  readonly metadata: Metadata
  /** Helm v2 `requirements.yaml` dependencies, or Chart.yaml v2 `dependencies:`. */
  readonly requirements: ReadonlyArray<Dependency>
  readonly lock?: Lock
  readonly templates: ReadonlyArray<ChartFile>
  /** values.yaml parsed as Helm parses it (every number a float64); `{}` when absent. */
  readonly values: GoMap
  /** values.yaml as written (Helm v2 keeps the raw text in the release's chart). */
  readonly rawValues: string
  readonly schema?: Uint8Array
  /** Every other file except Chart.yaml, values.yaml, values.schema.json, templates/ and charts/. */
  readonly files: ReadonlyArray<ChartFile>
  readonly dependencies: ReadonlyArray<Chart>
}

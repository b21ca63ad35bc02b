import { createHash } from 'node:crypto'
import type { Dependency, Lock } from '../chart/Chart'
import { goYaml } from './Index'

// Go's encoding/json writes struct fields in declaration order, drops `omitempty` zero values and escapes
// <, > and & (so a constraint ">=1.0" hashes as "\u003e=1.0").
const goJsonDependency = (d: Dependency): string => {
  const parts: string[] = [`"name":${goJson(d.name)}`]
  if (d.version) parts.push(`"version":${goJson(d.version)}`)
  parts.push(`"repository":${goJson(d.repository ?? '')}`)
  if (d.condition) parts.push(`"condition":${goJson(d.condition)}`)
  if (d.tags && d.tags.length > 0) parts.push(`"tags":${goJson(d.tags)}`)
  if (d.enabled) parts.push(`"enabled":true`)
  if (d.importValues && d.importValues.length > 0) parts.push(`"import-values":${goJson(d.importValues)}`)
  if (d.alias) parts.push(`"alias":${goJson(d.alias)}`)
  return `{${parts.join(',')}}`
}

const goJson = (v: unknown): string =>
  JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')

const sha256 = (s: string): string => `sha256:${createHash('sha256').update(s).digest('hex')}`

/**
 * The lock file's `digest`: Helm v2 (chart apiVersion v1, requirements.lock) hashes the JSON of the
 * requirements; Helm v3 (apiVersion v2, Chart.lock) hashes the JSON pair [dependencies, locked dependencies].
 */
export const lockDigest = (
  apiVersion: string,
  requirements: ReadonlyArray<Dependency>,
  locked: ReadonlyArray<Dependency>,
): string => {
  const list = (ds: ReadonlyArray<Dependency>): string =>
    ds.length === 0 ? 'null' : `[${ds.map(goJsonDependency).join(',')}]`
  return apiVersion === 'v2'
    ? sha256(`[${list(requirements)},${list(locked)}]`)
    : sha256(`{"dependencies":${list(requirements)}}`)
}

/** requirements.lock / Chart.lock text as Helm writes it (keys sorted). */
export const serializeLock = (lock: Lock): string =>
  goYaml({
    dependencies: lock.dependencies.map((d) => ({
      name: d.name,
      repository: d.repository ?? '',
      version: d.version ?? '',
    })),
    digest: lock.digest,
    generated: lock.generated,
  })

/** The lock and requirements file names of a chart: requirements.* for apiVersion v1, Chart.* for v2. */
export const dependencyFiles = (apiVersion: string): { readonly deps: string; readonly lock: string } =>
  apiVersion === 'v2'
    ? { deps: 'Chart.yaml', lock: 'Chart.lock' }
    : { deps: 'requirements.yaml', lock: 'requirements.lock' }

/** `@name` or `alias:name` repository references name a configured repository; returns that name. */
export const repositoryAlias = (repository: string): string | undefined =>
  repository.startsWith('@') ? repository.slice(1) : repository.startsWith('alias:') ? repository.slice(6) : undefined

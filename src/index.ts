/** Wheelhouse's embedding API: chart loading, rendering and an in-process Tiller. */
export type { Chart, Metadata } from './domain/chart/Chart'
export { loadChartFromFiles, loadChartArchive } from './domain/chart/Load'
export { chartArchiveBytes, chartToFiles, marshalChartFile } from './domain/chart/Save'
export { readChartArchive, writeChartArchive, type ArchiveLimits } from './domain/chart/archive/Archive'
export { loadChartPath, packageChart, expandChartArchive, resolveChartRef } from './LocalCharts'
export { parseYamlValues, parseYamlDocument } from './domain/yaml/Read'
export { type HelmError, message } from './domain/errors'
export { parseSet, parseSetString, parseSetFile, parseSetJson, parseSetLiteral } from './domain/values/Strvals'
export {
  coalesceValues,
  coalesceValuesWithWarnings,
  mergeValues,
  mergeValuesWithWarnings,
} from './domain/values/Coalesce'
export { checkDependencies, processDependencies, processDependenciesWithWarnings } from './domain/values/Dependencies'
export { type LogRecord, slogText } from './domain/values/LogRecord'
export { validateSchema } from './domain/values/Schema'
export { valuesForChart } from './domain/values/PathValue'
export { parseValuesFile } from './domain/values/ValuesFile'
export { createTiller, defaultEngine, type Tiller, type TillerOptions } from './tiller/embed'
export { memoryStore } from './adapters/memory-store/MemoryStore'
export { configMapStore } from './adapters/configmap-store/ConfigMapStore'
export { secretStore } from './adapters/configmap-store/SecretStore'
export { memoryKube, type MemoryKube } from './adapters/memory-kube/MemoryKube'
export { virtualClock } from './adapters/system/VirtualClock'
export type { TillerApi } from './ports/TillerApi'
export type { ReleaseStore } from './ports/ReleaseStore'
export type { NamespacedObjects } from './ports/NamespacedObjects'
export type { KubeClient } from './ports/KubeClient'
export type { Release, StatusCode } from './domain/release/Release'
export type { Hook } from './domain/manifest/Hook'
export type * from './domain/release/ReleaseService'
export { formatPlan } from './domain/release/ChangeSet'
export { encodeRelease, decodeRelease } from './domain/release/Codec'
export {
  renderChart,
  renderChartWith,
  hasSchema,
  type RenderEnv,
  type RenderOptions,
  type Rendered,
} from './domain/render/Render'
export { TemplateSet, TemplateError, type FuncMap, type TemplateSetOptions } from './domain/template/gotpl'
export { startSandbox, type Sandbox, type SandboxOptions } from './sandbox/Sandbox'
export { connectCluster, namespacedObjects, type Cluster, type ConnectOptions } from './adapters/k8s'
export { parseConstraint, satisfies, satisfiesText, type Constraint } from './domain/semver/Constraint'
export { parseVersion, compareVersions, type Version } from './domain/semver/Version'
export { parseIndex, findVersion, type IndexFile, type ChartVersion } from './domain/repo/Index'
export { startGrpcServer, type GrpcServer, type GrpcServerOptions, type ServerTls } from './adapters/grpc/Server'
export { grpcTillerClient, type GrpcTillerClient, type GrpcClientOptions, type ClientTls } from './adapters/grpc/Client'

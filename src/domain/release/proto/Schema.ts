import type { Field, Schema } from './Wire'

// hapi.* messages as Wire schemas: the field numbers of proto/hapi/**.proto (Helm v2.17), which a test
// checks byte for byte against protobufjs reading those files.

const statusCodes = [
  'UNKNOWN',
  'DEPLOYED',
  'DELETED',
  'SUPERSEDED',
  'FAILED',
  'DELETING',
  'PENDING_INSTALL',
  'PENDING_UPGRADE',
  'PENDING_ROLLBACK',
]
const hookEvents = [
  'UNKNOWN',
  'PRE_INSTALL',
  'POST_INSTALL',
  'PRE_DELETE',
  'POST_DELETE',
  'PRE_UPGRADE',
  'POST_UPGRADE',
  'PRE_ROLLBACK',
  'POST_ROLLBACK',
  'RELEASE_TEST_SUCCESS',
  'RELEASE_TEST_FAILURE',
  'CRD_INSTALL',
]

const f = (no: number, name: string, kind: Field['kind'], more: Partial<Field> = {}): Field => ({
  no,
  name,
  kind,
  ...more,
})
const msg = (s: () => Schema): Field['kind'] => ({ message: s })

/** google.protobuf.Timestamp */
export const TimestampSchema: Schema = [f(1, 'seconds', 'int64'), f(2, 'nanos', 'int32')]

/** hapi.chart.Maintainer */
const MaintainerSchema: Schema = [f(1, 'name', 'string'), f(2, 'email', 'string'), f(3, 'url', 'string')]
const ImportValueSchema: Schema = [f(1, 'path', 'string'), f(2, 'child', 'string'), f(3, 'parent', 'string')]
/** hapi.chart.Dependency (Wheelhouse addition) */
const DependencySchema: Schema = [
  f(1, 'name', 'string'),
  f(2, 'version', 'string'),
  f(3, 'repository', 'string'),
  f(4, 'condition', 'string'),
  f(5, 'tags', 'string', { repeated: true }),
  f(6, 'enabled', 'bool', { optional: true }),
  f(
    7,
    'import_values',
    msg(() => ImportValueSchema),
    { repeated: true },
  ),
  f(8, 'alias', 'string'),
]
/** hapi.chart.Metadata */
export const MetadataSchema: Schema = [
  f(1, 'name', 'string'),
  f(2, 'home', 'string'),
  f(3, 'sources', 'string', { repeated: true }),
  f(4, 'version', 'string'),
  f(5, 'description', 'string'),
  f(6, 'keywords', 'string', { repeated: true }),
  f(
    7,
    'maintainers',
    msg(() => MaintainerSchema),
    { repeated: true },
  ),
  f(8, 'engine', 'string'),
  f(9, 'icon', 'string'),
  f(10, 'apiVersion', 'string'),
  f(11, 'condition', 'string'),
  f(12, 'tags', 'string'),
  f(13, 'appVersion', 'string'),
  f(14, 'deprecated', 'bool'),
  f(15, 'tillerVersion', 'string'),
  f(16, 'annotations', 'map'),
  f(17, 'kubeVersion', 'string'),
  f(100, 'type', 'string'),
  f(
    101,
    'dependencies',
    msg(() => DependencySchema),
    { repeated: true },
  ),
]
const TemplateSchema: Schema = [f(1, 'name', 'string'), f(2, 'data', 'bytes')]
const ConfigSchema: Schema = [f(1, 'raw', 'string')]
const AnySchema: Schema = [f(1, 'type_url', 'string'), f(2, 'value', 'bytes')]
/** hapi.chart.Chart */
export const ChartSchema: Schema = [
  f(
    1,
    'metadata',
    msg(() => MetadataSchema),
  ),
  f(
    2,
    'templates',
    msg(() => TemplateSchema),
    { repeated: true },
  ),
  f(
    3,
    'dependencies',
    msg(() => ChartSchema),
    { repeated: true },
  ),
  f(
    4,
    'values',
    msg(() => ConfigSchema),
  ),
  f(
    5,
    'files',
    msg(() => AnySchema),
    { repeated: true },
  ),
]

const TestRunSchema: Schema = [
  f(1, 'name', 'string'),
  f(2, 'status', { enum: ['UNKNOWN', 'SUCCESS', 'FAILURE', 'RUNNING'] }),
  f(3, 'info', 'string'),
  f(
    4,
    'started_at',
    msg(() => TimestampSchema),
  ),
  f(
    5,
    'completed_at',
    msg(() => TimestampSchema),
  ),
]
const TestSuiteSchema: Schema = [
  f(
    1,
    'started_at',
    msg(() => TimestampSchema),
  ),
  f(
    2,
    'completed_at',
    msg(() => TimestampSchema),
  ),
  f(
    3,
    'results',
    msg(() => TestRunSchema),
    { repeated: true },
  ),
]
const StatusSchema: Schema = [
  f(1, 'code', { enum: statusCodes }),
  f(3, 'resources', 'string'),
  f(4, 'notes', 'string'),
  f(
    5,
    'last_test_suite_run',
    msg(() => TestSuiteSchema),
  ),
]
/** hapi.release.Info */
export const InfoSchema: Schema = [
  f(
    1,
    'status',
    msg(() => StatusSchema),
  ),
  f(
    2,
    'first_deployed',
    msg(() => TimestampSchema),
  ),
  f(
    3,
    'last_deployed',
    msg(() => TimestampSchema),
  ),
  f(
    4,
    'deleted',
    msg(() => TimestampSchema),
  ),
  f(5, 'Description', 'string'),
  // Wheelhouse-only (fields ≥ 100): the lock of a PENDING_* or DELETING revision
  f(
    100,
    'lock',
    msg(() => LockSchema),
  ),
]
/** hapi.release.Lock (Wheelhouse) */
const LockSchema: Schema = [f(1, 'timeout', 'int64'), f(2, 'holder', 'string'), f(3, 'session', 'string')]
const HookSchema: Schema = [
  f(1, 'name', 'string'),
  f(2, 'kind', 'string'),
  f(3, 'path', 'string'),
  f(4, 'manifest', 'string'),
  f(5, 'events', { enum: hookEvents }, { repeated: true }),
  f(
    6,
    'last_run',
    msg(() => TimestampSchema),
  ),
  f(7, 'weight', 'int32'),
  f(8, 'delete_policies', { enum: ['SUCCEEDED', 'FAILED', 'BEFORE_HOOK_CREATION'] }, { repeated: true }),
  f(9, 'delete_timeout', 'int64'),
]
/** hapi.release.Release: what Helm v2's storage drivers hold (gzipped, base64). */
export const ReleaseSchema: Schema = [
  f(1, 'name', 'string'),
  f(
    2,
    'info',
    msg(() => InfoSchema),
  ),
  f(
    3,
    'chart',
    msg(() => ChartSchema),
  ),
  f(
    4,
    'config',
    msg(() => ConfigSchema),
  ),
  f(5, 'manifest', 'string'),
  f(
    6,
    'hooks',
    msg(() => HookSchema),
    { repeated: true },
  ),
  f(7, 'version', 'int32'),
  f(8, 'namespace', 'string'),
]

// Request bodies decoded as kube-apiserver decodes them into its Go types (io-ts codecs named after the Go
// types): a field of the wrong JSON type is refused with encoding/json's wording
// (`json: cannot unmarshal object into Go struct field ObjectMeta.metadata.annotations of type string`),
// `null` leaves a field unset, and fields the codecs do not name are kept as they are (the API server
// drops unknown fields; the fake cluster keeps them, which the KubeClient contract relies on).
import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import { isObject, type JsonObject, type KObj } from './Json'

/** A Go type: its name in error texts (`int32`, `map[string]string`, `v1.PodSpec`) and, for structs, the
 * bare struct name encoding/json reports (`PodSpec`). */
type GoType = t.Type<unknown, unknown, unknown> & {
  readonly goName: string
  readonly structName?: string
  /** Whether a value decodes as it is (valid, no `null` field to drop): the fast path that builds no context. */
  readonly clean: (u: unknown) => boolean
}

const jsonTypeOf = (v: unknown): string =>
  typeof v === 'number'
    ? 'number'
    : typeof v === 'boolean'
      ? 'bool'
      : typeof v === 'string'
        ? 'string'
        : Array.isArray(v)
          ? 'array'
          : 'object'

const goType = (
  codec: t.Type<unknown, unknown, unknown>,
  goName: string,
  clean: (u: unknown) => boolean,
  structName?: string,
): GoType => Object.assign(codec, { goName, clean, ...(structName ? { structName } : {}) })

const scalar = (goName: string, ok: (u: unknown) => boolean): GoType =>
  goType(
    new t.Type<unknown, unknown, unknown>(
      goName,
      (u): u is unknown => ok(u),
      (u, c) => (ok(u) ? t.success(u) : t.failure(u, c)),
      t.identity,
    ),
    goName,
    ok,
  )

const str = scalar('string', (u) => typeof u === 'string')
const bool = scalar('bool', (u) => typeof u === 'boolean')
const int = (goName: string): GoType => scalar(goName, (u) => typeof u === 'number' && Number.isInteger(u))
const int32 = int('int32')
const int64 = int('int64')
/** intstr.IntOrString and resource.Quantity take a number or a string. */
const intOrString = scalar('intstr.IntOrString', (u) => typeof u === 'string' || typeof u === 'number')
const quantity = scalar('resource.Quantity', (u) => typeof u === 'string' || typeof u === 'number')
/** `[]byte` fields hold base64 (Go's decoder refuses anything else). */
const bytes = scalar('[]uint8', (u) => typeof u === 'string')

/** A Go struct: named fields typed, `null` fields dropped (left unset), other fields kept. */
const struct = (goName: string, fields: Readonly<Record<string, GoType>>): GoType => {
  const structName = goName.replace(/^.*\./, '')
  return goType(
    new t.Type<unknown, unknown, unknown>(
      goName,
      isObject,
      (u, c) => {
        if (!isObject(u)) return t.failure(u, c)
        let out: JsonObject | undefined
        for (const [k, codec] of Object.entries(fields)) {
          if (!Object.hasOwn(u, k)) continue
          const v = u[k]
          if (v === null || v === undefined) {
            out ??= { ...u }
            delete out[k]
            continue
          }
          const r = codec.validate(v, t.appendContext(c, k, codec, v))
          if (E.isLeft(r)) return r
          if (r.right !== v) {
            out ??= { ...u }
            out[k] = r.right
          }
        }
        return t.success(out ?? u)
      },
      t.identity,
    ),
    goName,
    (u) => {
      if (!isObject(u)) return false
      for (const k in fields) {
        if (!Object.hasOwn(u, k)) continue
        const v = u[k]
        if (v === null || v === undefined || !fields[k]!.clean(v)) return false
      }
      return true
    },
    structName,
  )
}

const list = (item: GoType): GoType =>
  goType(
    new t.Type<unknown, unknown, unknown>(
      `[]${item.goName}`,
      Array.isArray,
      (u, c) => {
        if (!Array.isArray(u)) return t.failure(u, c)
        for (const [i, v] of u.entries()) {
          if (v === null) continue
          const r = item.validate(v, t.appendContext(c, String(i), item, v))
          if (E.isLeft(r)) return r
        }
        return t.success(u)
      },
      t.identity,
    ),
    `[]${item.goName}`,
    (u) => Array.isArray(u) && u.every((v) => v === null || item.clean(v)),
  )

const map = (value: GoType): GoType =>
  goType(
    new t.Type<unknown, unknown, unknown>(
      `map[string]${value.goName}`,
      isObject,
      (u, c) => {
        if (!isObject(u)) return t.failure(u, c)
        for (const [k, v] of Object.entries(u)) {
          if (v === null) continue
          // a map value's error names the map's path (encoding/json does not add the key)
          const r = value.validate(v, t.appendContext(c, `[${k}]`, value, v))
          if (E.isLeft(r)) return r
        }
        return t.success(u)
      },
      t.identity,
    ),
    `map[string]${value.goName}`,
    (u) => {
      if (!isObject(u)) return false
      for (const k in u) {
        const v = u[k]
        if (v !== null && !value.clean(v)) return false
      }
      return true
    },
  )

const strings = list(str)
const stringMap = map(str)

const ownerReference = struct('v1.OwnerReference', {
  apiVersion: str,
  kind: str,
  name: str,
  uid: str,
  controller: bool,
  blockOwnerDeletion: bool,
})
const objectMeta = struct('v1.ObjectMeta', {
  name: str,
  generateName: str,
  namespace: str,
  uid: str,
  resourceVersion: str,
  generation: int64,
  labels: stringMap,
  annotations: stringMap,
  ownerReferences: list(ownerReference),
  finalizers: strings,
})
const labelSelector = struct('v1.LabelSelector', {
  matchLabels: stringMap,
  matchExpressions: list(struct('v1.LabelSelectorRequirement', { key: str, operator: str, values: strings })),
})
const container = struct('v1.Container', {
  name: str,
  image: str,
  command: strings,
  args: strings,
  workingDir: str,
  ports: list(struct('v1.ContainerPort', { name: str, hostPort: int32, containerPort: int32, protocol: str })),
  env: list(struct('v1.EnvVar', { name: str, value: str })),
  imagePullPolicy: str,
})
const podSpec = struct('v1.PodSpec', {
  containers: list(container),
  initContainers: list(container),
  restartPolicy: str,
  nodeName: str,
  serviceAccountName: str,
  terminationGracePeriodSeconds: int64,
  activeDeadlineSeconds: int64,
})
const podTemplateSpec = struct('v1.PodTemplateSpec', { metadata: objectMeta, spec: podSpec })
const replicated = (goName: string) =>
  struct(goName, {
    replicas: int32,
    selector: labelSelector,
    template: podTemplateSpec,
    minReadySeconds: int32,
    revisionHistoryLimit: int32,
  })
const jobSpec = struct('v1.JobSpec', {
  parallelism: int32,
  completions: int32,
  backoffLimit: int32,
  activeDeadlineSeconds: int64,
  selector: labelSelector,
  manualSelector: bool,
  template: podTemplateSpec,
  suspend: bool,
  ttlSecondsAfterFinished: int32,
})
const serviceSpec = struct('v1.ServiceSpec', {
  type: str,
  clusterIP: str,
  clusterIPs: strings,
  externalIPs: strings,
  externalName: str,
  selector: stringMap,
  ports: list(
    struct('v1.ServicePort', { name: str, protocol: str, port: int32, targetPort: intOrString, nodePort: int32 }),
  ),
})
const pvcSpec = struct('v1.PersistentVolumeClaimSpec', {
  accessModes: strings,
  resources: struct('v1.VolumeResourceRequirements', { requests: map(quantity), limits: map(quantity) }),
  storageClassName: str,
  volumeName: str,
  volumeMode: str,
})

/** The typed fields of each kind beyond metadata. */
const specs: Readonly<Record<string, Readonly<Record<string, GoType>>>> = {
  Deployment: { spec: replicated('v1.DeploymentSpec') },
  ReplicaSet: { spec: replicated('v1.ReplicaSetSpec') },
  StatefulSet: { spec: replicated('v1.StatefulSetSpec') },
  DaemonSet: { spec: replicated('v1.DaemonSetSpec') },
  ReplicationController: {
    spec: struct('v1.ReplicationControllerSpec', { replicas: int32, selector: stringMap, template: podTemplateSpec }),
  },
  Pod: { spec: podSpec },
  Job: { spec: jobSpec },
  CronJob: {
    spec: struct('v1.CronJobSpec', {
      schedule: str,
      suspend: bool,
      jobTemplate: struct('v1.JobTemplateSpec', { metadata: objectMeta, spec: jobSpec }),
    }),
  },
  Service: { spec: serviceSpec },
  PersistentVolumeClaim: { spec: pvcSpec },
  ConfigMap: { data: stringMap, binaryData: map(bytes), immutable: bool },
  Secret: { data: map(bytes), stringData: stringMap, type: str, immutable: bool },
  Namespace: { spec: struct('v1.NamespaceSpec', { finalizers: strings }) },
}

const codecs = new Map<string, GoType>()
const codecOf = (kind: string, builtin: boolean): GoType => {
  const key = builtin ? kind : ''
  let c = codecs.get(key)
  if (!c) {
    c = struct(`v1.${builtin ? kind : 'Unstructured'}`, {
      apiVersion: str,
      kind: str,
      metadata: objectMeta,
      ...(builtin ? (specs[kind] ?? {}) : {}),
    })
    codecs.set(key, c)
  }
  return c
}

/** encoding/json's UnmarshalTypeError text for the first problem io-ts found. */
const goError = (errs: t.Errors): string => {
  const e = errs[0]!
  const ctx = e.context
  const leaf = ctx.at(-1)!.type as GoType
  const fieldPath: string[] = []
  let struct = ''
  for (let i = 1; i < ctx.length; i++) {
    const key = ctx[i]!.key
    const parent = ctx[i - 1]!.type as GoType
    if (parent.structName !== undefined) {
      struct = parent.structName
      fieldPath.push(key)
    }
  }
  const value = typeof e.value === 'number' && !Number.isInteger(e.value) ? `number ${e.value}` : jsonTypeOf(e.value)
  if (leaf.goName === '[]uint8' && typeof e.value === 'string') return 'illegal base64 data at input byte 0'
  return struct === ''
    ? `json: cannot unmarshal ${value} into Go value of type ${leaf.goName}`
    : `json: cannot unmarshal ${value} into Go struct field ${struct}.${fieldPath.join('.')} of type ${leaf.goName}`
}

/** Where Go's base64 decoder stops on a `[]byte` field's value, or undefined when it is valid base64. */
const badBase64 = (s: string): number | undefined => {
  const m = /^[A-Za-z0-9+/]*={0,2}$/.exec(s)
  if (m && s.length % 4 === 0) return undefined
  const i = s.search(/[^A-Za-z0-9+/=]/)
  return i >= 0 ? i : Math.max(0, s.length - (s.length % 4))
}

/**
 * Decodes the JSON object a request carries for a resource of `kind` (`builtin`: a built-in kind, typed;
 * else only its metadata is). Left: the Go decoder's error text.
 */
export const decodeObject = (kind: string, builtin: boolean, body: unknown): E.Either<string, KObj> => {
  if (!isObject(body))
    return E.left(`json: cannot unmarshal ${jsonTypeOf(body)} into Go value of type map[string]interface {}`)
  const codec = codecOf(kind, builtin)
  let r: { readonly right: JsonObject }
  if (codec.clean(body)) r = { right: body }
  else {
    const decoded = codec.decode(body)
    if (E.isLeft(decoded)) return E.left(goError(decoded.left))
    r = { right: decoded.right as JsonObject }
  }
  if (builtin && (kind === 'Secret' || kind === 'ConfigMap')) {
    const field = kind === 'Secret' ? 'data' : 'binaryData'
    for (const v of Object.values(isObject(r.right[field]) ? r.right[field] : {})) {
      const at = typeof v === 'string' ? badBase64(v) : undefined
      if (at !== undefined) return E.left(`illegal base64 data at input byte ${at}`)
    }
  }
  const o = r.right
  return E.right({
    ...o,
    apiVersion: typeof o.apiVersion === 'string' ? o.apiVersion : '',
    kind: typeof o.kind === 'string' ? o.kind : '',
    metadata: {
      ...(isObject(o.metadata) ? o.metadata : {}),
      name:
        typeof o.metadata === 'object' && isObject(o.metadata) && typeof o.metadata.name === 'string'
          ? o.metadata.name
          : '',
    },
  } as KObj)
}

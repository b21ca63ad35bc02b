// kube-apiserver's validation of what it stores, worded as it words it (k8s.io/kubernetes pkg/apis/*/validation
// and the registry strategies): names, labels and annotations, the 1 MiB data limit, workload specs, and the
// fields an update may not change (a Deployment's, ReplicaSet's or DaemonSet's selector, a StatefulSet's spec
// beyond replicas/template/updateStrategy/…, a Job's selector and template, a Service's cluster IPs, a
// PersistentVolumeClaim's spec, a Pod's spec, an immutable ConfigMap's or Secret's data). Known difference:
// where the API server appends a Go diff of internal types to a Forbidden message, the fake cluster does not.
import * as E from 'fp-ts/Either'
import { requirementsOf, selects } from '../../domain/release/LabelSelector'
import {
  isDns1123Label,
  isDns1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
} from '../../domain/release/LabelSyntax'
import {
  at,
  isObject,
  jsonEqual,
  type JsonObject,
  type KObj,
  listAt,
  numAt,
  objAt,
  objectsAt,
  strAt,
  stringMapAt,
} from './Json'
import type { ResourceType } from './Resources'
import type { Cause } from './Status'

/** kube-apiserver's limit on a ConfigMap's or Secret's data (corev1 validation MaxSecretSize). */
export const DATA_LIMIT = 1024 * 1024
/** The limit on an object's annotations, keys and values together (TotalAnnotationSizeLimitB). */
const ANNOTATIONS_LIMIT = 256 * 1024

/** A value as field errors print it: strings quoted, numbers and booleans bare, the rest as JSON. */
const shown = (v: unknown): string => {
  if (typeof v === 'string') return JSON.stringify(v)
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return goJson(v)
}

/** encoding/json's rendering: map keys sorted, a LabelSelector's matchLabels before its matchExpressions. */
const goJson = (v: unknown): string => {
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`
  if (!isObject(v)) return JSON.stringify(v) ?? 'null'
  const keys = Object.keys(v).sort()
  if (keys.length > 0 && keys.every((k) => k === 'matchLabels' || k === 'matchExpressions')) keys.reverse()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${goJson(v[k])}`).join(',')}}`
}

const invalid = (field: string, value: unknown, detail: string): Cause => ({
  reason: 'FieldValueInvalid',
  message: `Invalid value: ${shown(value)}${detail ? `: ${detail}` : ''}`,
  field,
})
const required = (field: string, detail = ''): Cause => ({
  reason: 'FieldValueRequired',
  message: `Required value${detail ? `: ${detail}` : ''}`,
  field,
})
const forbidden = (field: string, detail: string): Cause => ({
  reason: 'FieldValueForbidden',
  message: `Forbidden: ${detail}`,
  field,
})
const unsupported = (field: string, value: unknown, supported: ReadonlyArray<string>): Cause => ({
  reason: 'FieldValueNotSupported',
  message: `Unsupported value: ${shown(value)}: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`,
  field,
})
const immutable = (field: string, value: unknown): Cause => invalid(field, value, 'field is immutable')

const labelKinds = new Set(['Namespace', 'Service'])
const pathSegmentKinds = new Set(['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'])

const nameCauses = (r: ResourceType, name: string): Cause[] => {
  if (name === '') return [required('metadata.name', 'name or generateName is required')]
  if (pathSegmentKinds.has(r.kind) || r.crd)
    return name === '.' || name === '..' || /[/%]/.test(name)
      ? [invalid('metadata.name', name, `may not contain '/' or '%'`)]
      : []
  const errs = labelKinds.has(r.kind) ? isDns1123Label(name) : isDns1123Subdomain(name)
  return errs.map((m) => invalid('metadata.name', name, m))
}

// what almost every label key and value is: a plain name of at most 63 characters (valid, no message to make)
const PLAIN = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$/
const NONE: Cause[] = []

const labelCauses = (labels: Readonly<Record<string, string>>, field: string): Cause[] => {
  let out = NONE
  for (const k in labels) {
    const v = labels[k]!
    if (PLAIN.test(k) && (v === '' || PLAIN.test(v))) continue
    const found = [
      ...isQualifiedName(k).map((m) => invalid(field, k, m)),
      ...isValidLabelValue(v).map((m) => invalid(field, v, m)),
    ]
    if (found.length > 0) out = out === NONE ? found : [...out, ...found]
  }
  return out
}

const annotationCauses = (annotations: Readonly<Record<string, string>>, field: string): Cause[] => {
  const out: Cause[] = []
  let size = 0
  for (const k in annotations) {
    size += k.length + annotations[k]!.length
    if (!PLAIN.test(k)) out.push(...isQualifiedName(k.toLowerCase()).map((m) => invalid(field, k, m)))
  }
  if (size > ANNOTATIONS_LIMIT)
    out.push({
      reason: 'FieldValueTooLong',
      message: `Too long: may not be more than ${ANNOTATIONS_LIMIT} bytes`,
      field,
    })
  return out
}

const metaCauses = (meta: unknown, prefix: string): Cause[] => [
  ...labelCauses(stringMapAt(meta, 'labels'), `${prefix}labels`),
  ...annotationCauses(stringMapAt(meta, 'annotations'), `${prefix}annotations`),
]

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/
const dataCauses = (obj: KObj, base64: boolean): Cause[] => {
  const out: Cause[] = []
  let size = 0
  for (const field of ['data', 'binaryData', 'stringData']) {
    for (const [k, v] of Object.entries(objAt(obj, field) ?? {})) {
      if (!CONFIG_KEY.test(k) || k === '.' || k === '..')
        out.push(
          invalid(
            `${field}[${k}]`,
            k,
            "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
          ),
        )
      const text = typeof v === 'string' ? v : ''
      size +=
        k.length + (base64 || field === 'binaryData' ? Buffer.from(text, 'base64').length : Buffer.byteLength(text))
    }
  }
  if (size > DATA_LIMIT)
    out.push({ reason: 'FieldValueTooLong', message: `Too long: must have at most ${DATA_LIMIT} bytes`, field: 'data' })
  return out
}

const containerCauses = (spec: unknown, prefix: string): Cause[] => {
  const containers = objectsAt(spec, 'containers')
  const out: Cause[] = containers.length === 0 ? [required(`${prefix}.containers`)] : []
  for (const [field, list] of [
    ['containers', containers],
    ['initContainers', objectsAt(spec, 'initContainers')],
  ] as const)
    list.forEach((c, i) => {
      const name = strAt(c, 'name') ?? ''
      if (name === '') out.push(required(`${prefix}.${field}[${i}].name`))
      else out.push(...isDns1123Label(name).map((m) => invalid(`${prefix}.${field}[${i}].name`, name, m)))
      if ((strAt(c, 'image') ?? '') === '') out.push(required(`${prefix}.${field}[${i}].image`))
    })
  return out
}

/** A pod template's restart policy (defaulted to Always, except in a Job's template, where it is required). */
const restartPolicyCauses = (
  spec: unknown,
  prefix: string,
  allowed: ReadonlyArray<string>,
  requiredHere = false,
): Cause[] => {
  const p = strAt(spec, 'restartPolicy') ?? ''
  if (p === '')
    return requiredHere
      ? [required(`${prefix}.restartPolicy`, `valid values: ${allowed.map((a) => JSON.stringify(a)).join(', ')}`)]
      : []
  return allowed.includes(p) ? [] : [unsupported(`${prefix}.restartPolicy`, p, allowed)]
}

const POD_POLICIES = ['Always', 'OnFailure', 'Never']

/** `spec.selector` against the template's labels, for the workloads that carry both. */
const selectorCauses = (obj: KObj, what: string, requiredSelector: boolean): Cause[] => {
  const sel = objAt(obj, 'spec', 'selector')
  if (sel === undefined) return requiredSelector ? [required('spec.selector')] : []
  if (Object.keys(objAt(sel, 'matchLabels') ?? {}).length + listAt(sel, 'matchExpressions').length === 0)
    return [invalid('spec.selector', sel, `empty selector is invalid for ${what}`)]
  const reqs = requirementsOf({
    matchLabels: stringMapAt(sel, 'matchLabels'),
    matchExpressions: objectsAt(sel, 'matchExpressions').map((e) => ({
      key: strAt(e, 'key') ?? '',
      operator: strAt(e, 'operator') ?? '',
      values: listAt(e, 'values').filter((v): v is string => typeof v === 'string'),
    })),
  })
  if (E.isLeft(reqs)) return [invalid('spec.selector', sel, 'invalid label selector')]
  const labels = stringMapAt(obj, 'spec', 'template', 'metadata', 'labels')
  return selects(reqs.right ?? [], labels)
    ? []
    : [invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`')]
}

const replicasCauses = (obj: KObj): Cause[] => {
  const n = numAt(obj, 'spec', 'replicas')
  return n !== undefined && n < 0 ? [invalid('spec.replicas', n, 'must be greater than or equal to 0')] : []
}

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']

const specCauses = (r: ResourceType, obj: KObj): Cause[] => {
  if (r.crd) return []
  const tpl = 'spec.template.spec'
  switch (r.kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
      return [
        ...replicasCauses(obj),
        ...selectorCauses(obj, r.kind.toLowerCase(), true),
        ...metaCauses(at(obj, 'spec', 'template', 'metadata'), 'spec.template.metadata.'),
        ...containerCauses(at(obj, 'spec', 'template', 'spec'), tpl),
        ...restartPolicyCauses(at(obj, 'spec', 'template', 'spec'), tpl, ['Always']),
      ]
    case 'Job':
      return [
        ...metaCauses(at(obj, 'spec', 'template', 'metadata'), 'spec.template.metadata.'),
        ...containerCauses(at(obj, 'spec', 'template', 'spec'), tpl),
        ...restartPolicyCauses(at(obj, 'spec', 'template', 'spec'), tpl, ['OnFailure', 'Never'], true),
      ]
    case 'Pod':
      return [
        ...containerCauses(at(obj, 'spec'), 'spec'),
        ...restartPolicyCauses(at(obj, 'spec'), 'spec', POD_POLICIES),
      ]
    case 'Service': {
      const type = strAt(obj, 'spec', 'type') ?? 'ClusterIP'
      if (!SERVICE_TYPES.includes(type)) return [unsupported('spec.type', type, SERVICE_TYPES)]
      const ports = objectsAt(obj, 'spec', 'ports')
      const headless = strAt(obj, 'spec', 'clusterIP') === 'None'
      const out: Cause[] = ports.length === 0 && type !== 'ExternalName' && !headless ? [required('spec.ports')] : []
      ports.forEach((p, i) => {
        const port = numAt(p, 'port') ?? 0
        if (port < 1 || port > 65535)
          out.push(invalid(`spec.ports[${i}].port`, port, 'must be between 1 and 65535, inclusive'))
      })
      return out
    }
    case 'ConfigMap':
      return dataCauses(obj, false)
    case 'Secret':
      return dataCauses(obj, true)
    default:
      return []
  }
}

/** The problems of an object the API server would refuse to store (empty: valid). */
export const validateObject = (r: ResourceType, obj: KObj): Cause[] => [
  ...nameCauses(r, obj.metadata.name),
  ...metaCauses(obj.metadata, 'metadata.'),
  ...specCauses(r, obj),
]

const STS_MUTABLE = [
  'replicas',
  'ordinals',
  'template',
  'updateStrategy',
  'persistentVolumeClaimRetentionPolicy',
  'minReadySeconds',
]

const without = (o: JsonObject | undefined, keys: ReadonlyArray<string>): JsonObject =>
  Object.fromEntries(Object.entries(o ?? {}).filter(([k]) => !keys.includes(k)))

const podSpecChange = (old: unknown, next: unknown): boolean => {
  // pods may change their containers' images, activeDeadlineSeconds and tolerations (added ones)
  const strip = (spec: unknown): unknown => {
    const s = without(isObject(spec) ? spec : undefined, ['activeDeadlineSeconds', 'tolerations'])
    for (const f of ['containers', 'initContainers'])
      if (Array.isArray(s[f])) s[f] = (s[f] as unknown[]).map((c) => (isObject(c) ? without(c, ['image']) : c))
    return s
  }
  return !jsonEqual(strip(old), strip(next))
}

/** The problems of an update the API server refuses: what an object of its kind may not change. */
export const validateUpdate = (r: ResourceType, old: KObj, next: KObj): Cause[] => {
  if (r.crd) return []
  const before = objAt(old, 'spec')
  const after = objAt(next, 'spec')
  switch (r.kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
      return jsonEqual(before?.selector, after?.selector) ? [] : [immutable('spec.selector', after?.selector ?? null)]
    case 'StatefulSet':
      return jsonEqual(without(before, STS_MUTABLE), without(after, STS_MUTABLE))
        ? []
        : [
            forbidden(
              'spec',
              "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
            ),
          ]
    case 'Job': {
      const out: Cause[] = []
      if (!jsonEqual(before?.selector, after?.selector)) out.push(immutable('spec.selector', after?.selector ?? null))
      if (!jsonEqual(before?.template, after?.template)) out.push(immutable('spec.template', after?.template ?? null))
      if (!jsonEqual(before?.completions, after?.completions))
        out.push(immutable('spec.completions', after?.completions ?? null))
      return out
    }
    case 'Service': {
      const was = listAt(before, 'clusterIPs')
      const is = listAt(after, 'clusterIPs')
      if (strAt(before, 'type') === 'ExternalName' || strAt(after, 'type') === 'ExternalName') return []
      return was.length > 0 && is.length > 0 && was[0] !== is[0]
        ? [invalid('spec.clusterIPs[0]', is, 'may not change once set')]
        : []
    }
    case 'PersistentVolumeClaim': {
      const bound = strAt(old, 'status', 'phase') === 'Bound'
      const resourcesOf = (s: JsonObject | undefined) =>
        bound ? without(s, ['resources', 'volumeAttributesClassName']) : without(s, ['volumeAttributesClassName'])
      if (!jsonEqual(resourcesOf(before), resourcesOf(after)))
        return [
          forbidden(
            'spec',
            'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
          ),
        ]
      const size = (s: JsonObject | undefined): number => parseQuantity(at(s, 'resources', 'requests', 'storage'))
      return bound && size(after) < size(before)
        ? [forbidden('spec.resources.requests.storage', 'field can not be less than previous value')]
        : []
    }
    case 'Pod':
      return podSpecChange(before, after)
        ? [
            forbidden(
              'spec',
              'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
            ),
          ]
        : []
    case 'ConfigMap':
    case 'Secret': {
      const out: Cause[] = []
      if (r.kind === 'Secret' && strAt(old, 'type') !== strAt(next, 'type'))
        out.push(immutable('type', strAt(next, 'type') ?? ''))
      if (at(old, 'immutable') === true) {
        const msg = 'field is immutable when `immutable` is set'
        if (!jsonEqual(at(old, 'data'), at(next, 'data'))) out.push(forbidden('data', msg))
        if (!jsonEqual(at(old, 'binaryData'), at(next, 'binaryData'))) out.push(forbidden('binaryData', msg))
        if (at(next, 'immutable') !== true) out.push(forbidden('immutable', msg))
      }
      return out
    }
    default:
      return []
  }
}

const SUFFIXES: Readonly<Record<string, number>> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
  m: 1e-3,
}

/** A resource.Quantity as a number (0 when absent or unreadable). */
export const parseQuantity = (q: unknown): number => {
  if (typeof q === 'number') return q
  const m = typeof q === 'string' ? /^([+-]?[\d.]+)(e[+-]?\d+)?([a-zA-Z]*)$/.exec(q) : null
  if (!m) return 0
  return Number(m[1]! + (m[2] ?? '')) * (SUFFIXES[m[3]!] ?? 1)
}

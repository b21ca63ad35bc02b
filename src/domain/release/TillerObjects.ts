// The objects `helm init` installs (Helm v2 cmd/helm/installer): Deployment and Service `tiller-deploy`,
// labelled app=helm,name=tiller, plus the Secret `tiller-secret` when Tiller serves TLS. Wheelhouse's
// Tiller binds to loopback by default, so the in-cluster Deployment tells it to listen on every interface.
import { Buffer } from 'node:buffer'
import { tillerVersion } from '../transport/Version'

/** The image `helm init` deploys unless `-i/--tiller-image` says otherwise (built from the Dockerfile). */
export const defaultTillerImage = `ghcr.io/wheelhouse/tiller:${tillerVersion.semVer}`

/** The image of `helm init --canary-image`. */
export const canaryTillerImage = 'ghcr.io/wheelhouse/tiller:canary'

/** What `helm init` was asked for. */
export interface TillerInstallOptions {
  readonly namespace: string
  readonly image?: string
  readonly serviceAccount?: string
  readonly historyMax: number
  readonly replicas: number
  readonly nodeSelectors?: Readonly<Record<string, string>>
  readonly hostNetwork?: boolean
  readonly automountServiceAccountToken: boolean
  /** TLS material (PEM) for the `tiller-secret`; `verify` turns on mutual TLS. */
  readonly tls?: {
    readonly cert: Uint8Array
    readonly key: Uint8Array
    readonly ca?: Uint8Array
    readonly verify: boolean
  }
}

const labels = { app: 'helm', name: 'tiller' }
type Obj = Record<string, unknown>

/** The Tiller Deployment. */
export const tillerDeployment = (o: TillerInstallOptions): Obj => {
  const env: Obj[] = [
    { name: 'TILLER_NAMESPACE', value: o.namespace },
    { name: 'TILLER_HISTORY_MAX', value: String(o.historyMax) },
  ]
  if (o.tls) {
    env.push(
      { name: 'TILLER_TLS_VERIFY', value: o.tls.verify ? '1' : '' },
      { name: 'TILLER_TLS_ENABLE', value: '1' },
      { name: 'TILLER_TLS_CERTS', value: '/etc/certs' },
    )
  }
  const probe = (path: string) => ({ httpGet: { path, port: 44135 }, initialDelaySeconds: 1, timeoutSeconds: 1 })
  const container: Obj = {
    name: 'tiller',
    image: o.image ?? defaultTillerImage,
    imagePullPolicy: 'IfNotPresent',
    args: ['--listen=:44134', '--probe-listen=:44135'],
    env,
    ports: [
      { containerPort: 44134, name: 'tiller' },
      { containerPort: 44135, name: 'http' },
    ],
    livenessProbe: probe('/liveness'),
    readinessProbe: probe('/readiness'),
    resources: {},
    securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true },
    ...(o.tls ? { volumeMounts: [{ name: 'tiller-certs', mountPath: '/etc/certs', readOnly: true }] } : {}),
  }
  const podSpec: Obj = {
    automountServiceAccountToken: o.automountServiceAccountToken,
    containers: [container],
    ...(o.serviceAccount ? { serviceAccountName: o.serviceAccount } : {}),
    ...(o.nodeSelectors && Object.keys(o.nodeSelectors).length ? { nodeSelector: { ...o.nodeSelectors } } : {}),
    ...(o.hostNetwork ? { hostNetwork: true } : {}),
    ...(o.tls ? { volumes: [{ name: 'tiller-certs', secret: { secretName: 'tiller-secret' } }] } : {}),
  }
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { creationTimestamp: null, labels, name: 'tiller-deploy', namespace: o.namespace },
    spec: {
      replicas: o.replicas,
      selector: { matchLabels: labels },
      strategy: {},
      template: { metadata: { creationTimestamp: null, labels }, spec: podSpec },
    },
    status: {},
  }
}

/** The Tiller Service (ClusterIP, port 44134 → the `tiller` container port). */
export const tillerService = (o: TillerInstallOptions): Obj => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { creationTimestamp: null, labels, name: 'tiller-deploy', namespace: o.namespace },
  spec: { ports: [{ name: 'tiller', port: 44134, targetPort: 'tiller' }], selector: labels, type: 'ClusterIP' },
  status: { loadBalancer: {} },
})

/** The `tiller-secret` holding tls.crt, tls.key and (with verify) ca.crt; undefined without TLS. */
export const tillerSecret = (o: TillerInstallOptions): Obj | undefined => {
  if (!o.tls) return undefined
  const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64')
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: { creationTimestamp: null, labels, name: 'tiller-secret', namespace: o.namespace },
    data: { 'tls.crt': b64(o.tls.cert), 'tls.key': b64(o.tls.key), ...(o.tls.ca ? { 'ca.crt': b64(o.tls.ca) } : {}) },
  }
}

/** Every object of a Tiller install, in the order `helm init` creates and prints them. */
export const tillerObjects = (o: TillerInstallOptions): Obj[] => {
  const secret = tillerSecret(o)
  return [tillerDeployment(o), tillerService(o), ...(secret ? [secret] : [])]
}

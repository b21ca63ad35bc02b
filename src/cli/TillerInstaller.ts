// Installing and removing Tiller's own objects in the cluster (helm init / helm reset), over the k8s adapter's REST.
import * as E from 'fp-ts/Either'
import type { ConnectOptions, Rest } from '../adapters/k8s'

type Obj = Record<string, unknown> & {
  kind?: string
  metadata?: { name?: string; namespace?: string; resourceVersion?: string }
}

const collection = (kind: string, ns: string): string =>
  kind === 'Deployment'
    ? `/apis/apps/v1/namespaces/${ns}/deployments`
    : `/api/v1/namespaces/${ns}/${kind === 'Service' ? 'services' : 'secrets'}`

const clean = (o: Obj): Obj => {
  const { status: _s, ...rest } = o
  const { creationTimestamp: _c, ...meta } = (o.metadata ?? {}) as Record<string, unknown>
  return { ...rest, metadata: meta } as Obj
}

const reason = (text: string): string => {
  try {
    return (JSON.parse(text) as { message?: string }).message ?? text
  } catch {
    return text
  }
}

const connectRest = async (opts: ConnectOptions): Promise<E.Either<string, Rest>> => {
  const { connect } = await import('../adapters/k8s')
  return connect(opts).then(
    (r) => E.right(r),
    (e: unknown) => E.left(`could not get kubernetes config: ${(e as Error).message}`),
  )
}

/**
 * Creates Tiller's objects. An existing Deployment is left alone ('exists') unless `upgrade`, which
 * replaces it ('upgraded'). With `wait`, returns once the Deployment has a ready replica.
 */
export const installTiller = async (
  conn: ConnectOptions,
  objects: ReadonlyArray<Obj>,
  opts: {
    readonly upgrade: boolean
    readonly wait: boolean
    readonly waitSeconds: number
    /** Told every 5 s what `wait` still waits for (no silent wait). */
    readonly progress?: (line: string) => void
  },
): Promise<E.Either<string, 'installed' | 'exists' | 'upgraded'>> => {
  const rest = await connectRest(conn)
  if (E.isLeft(rest)) return rest
  const r = rest.right
  let outcome: 'installed' | 'exists' | 'upgraded' = 'installed'
  for (const raw of objects) {
    const o = clean(raw)
    const base = collection(o.kind ?? '', o.metadata?.namespace ?? 'kube-system')
    const made = await r.request({ method: 'POST', path: base, body: o })
    if (made.status === 201 || made.status === 200) continue
    if (made.status !== 409) return E.left(`error installing: ${reason(made.text)}`)
    if (o.kind !== 'Deployment') continue
    if (!opts.upgrade) {
      outcome = 'exists'
      continue
    }
    const path = `${base}/${o.metadata?.name}`
    const current = await r.request({ method: 'GET', path })
    if (current.status !== 200) return E.left(`error when upgrading: ${reason(current.text)}`)
    const rv = (JSON.parse(current.text) as Obj).metadata?.resourceVersion
    const put = await r.request({
      method: 'PUT',
      path,
      body: { ...o, metadata: { ...o.metadata, resourceVersion: rv } },
    })
    if (put.status !== 200) return E.left(`error when upgrading: ${reason(put.text)}`)
    outcome = 'upgraded'
  }
  if (opts.wait) {
    const dep = objects.find((o) => o.kind === 'Deployment')!
    const ns = dep.metadata?.namespace ?? 'kube-system'
    const path = `${collection('Deployment', ns)}/tiller-deploy`
    const started = Date.now()
    const until = started + opts.waitSeconds * 1000
    let told = started
    for (;;) {
      const got = await r.request({ method: 'GET', path })
      const status =
        got.status === 200
          ? ((JSON.parse(got.text) as { status?: { readyReplicas?: number; replicas?: number } }).status ?? {})
          : undefined
      const ready = status?.readyReplicas ?? 0
      if (ready > 0) break
      if (Date.now() > until) return E.left('tiller was not found. polling deadline exceeded')
      if (opts.progress && Date.now() - told >= 5000) {
        told = Date.now()
        const s = Math.round((told - started) / 1000)
        opts.progress(
          `waiting for Tiller's Deployment ${ns}/tiller-deploy to have a ready replica (${s}s of ${opts.waitSeconds}s): ${status ? `${ready} of ${status.replicas ?? 0} ready` : `HTTP ${got.status}`}\n`,
        )
      }
      await new Promise((res) => setTimeout(res, 500))
    }
  }
  return E.right(outcome)
}

/** Deletes Tiller's Deployment, Service and Secret (missing ones are fine). */
export const uninstallTiller = async (conn: ConnectOptions, namespace: string): Promise<E.Either<string, void>> => {
  const rest = await connectRest(conn)
  if (E.isLeft(rest)) return rest
  for (const kind of ['Deployment', 'Service', 'Secret']) {
    const name = kind === 'Secret' ? 'tiller-secret' : 'tiller-deploy'
    const res = await rest.right.request({
      method: 'DELETE',
      path: `${collection(kind, namespace)}/${name}`,
      query: { propagationPolicy: 'Background' },
    })
    if (res.status >= 300 && res.status !== 404) return E.left(`error unstalling Tiller: ${reason(res.text)}`)
  }
  return E.right(undefined)
}

import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { FAIL, NOT_READY } from '../../src/sandbox/engine/Controllers'
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/Sandbox'

type Json = Record<string, any>
const client = (sb: Sandbox, token = sb.token ?? '') => {
  const call = async (method: string, path: string, body?: unknown, contentType = 'application/json') => {
    const res = await fetch(sb.url + path, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { 'Content-Type': contentType } : {}) },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    })
    const text = await res.text()
    return { status: res.status, body: (text.startsWith('{') ? JSON.parse(text) : text) as Json }
  }
  return call
}
const cm = (name: string, extra: Json = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...extra },
  data: { a: '1' },
})
const CMS = '/api/v1/namespaces/default/configmaps'
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const http = async (opts: SandboxOptions = {}) => {
  const sb = await startSandbox({ tls: false, token: 'test-token', ...opts })
  return { sb, call: client(sb) }
}

const errors = suite('sandbox Status answers')
errors('should answer 401 without the bearer token', async () => {
  const { sb } = await http()
  try {
    const r = await client(sb, 'wrong')('GET', CMS)
    assert.equal([r.status, r.body.reason], [401, 'Unauthorized'])
  } finally {
    await sb.stop()
  }
})
errors('should word 404, 409 and 422 as the API server does', async () => {
  const { sb, call } = await http()
  try {
    assert.equal((await call('GET', `${CMS}/nope`)).body, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'configmaps "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', kind: 'configmaps' },
      code: 404,
    })
    assert.is((await call('POST', CMS, cm('a'))).status, 201)
    const dup = await call('POST', CMS, cm('a'))
    assert.equal(
      [dup.status, dup.body.reason, dup.body.message],
      [409, 'AlreadyExists', 'configmaps "a" already exists'],
    )
    const dep = await call('GET', '/apis/apps/v1/namespaces/default/deployments/x')
    assert.equal(
      [dep.body.message, dep.body.details],
      ['deployments.apps "x" not found', { name: 'x', group: 'apps', kind: 'deployments' }],
    )
    const bad = await call('POST', CMS, cm('Bad_Name'))
    assert.equal([bad.status, bad.body.reason, bad.body.details.causes[0].field], [422, 'Invalid', 'metadata.name'])
    assert.match(
      bad.body.message,
      'ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain',
    )
    const ghost = await call('POST', '/api/v1/namespaces/ghost/configmaps', cm('a'))
    assert.equal([ghost.status, ghost.body.message], [404, 'namespaces "ghost" not found'])
  } finally {
    await sb.stop()
  }
})
errors('should refuse ConfigMap data over 1 MiB with 422 and a large body with 413', async () => {
  const { sb, call } = await http()
  try {
    const big = { ...cm('big'), data: { release: 'x'.repeat(1024 * 1024) } }
    const r = await call('POST', CMS, big)
    assert.equal(
      [r.status, r.body.message],
      [422, 'ConfigMap "big" is invalid: data: Too long: must have at most 1048576 bytes'],
    )
    assert.is((await call('POST', CMS, { ...cm('ok'), data: { release: 'x'.repeat(1024 * 1024 - 10) } })).status, 201)
    assert.is(
      (await call('POST', CMS, { ...cm('huge'), data: { release: 'x'.repeat(3 * 1024 * 1024 + 1) } })).status,
      413,
    )
  } finally {
    await sb.stop()
  }
})
errors.run()

const objects = suite('sandbox objects')
objects(
  'should stamp uid, creationTimestamp and one increasing resourceVersion; generateName never collides',
  async () => {
    const { sb, call } = await http()
    try {
      const a = (await call('POST', CMS, cm('a'))).body
      const b = (await call('POST', CMS, cm('b'))).body
      assert.match(a.metadata.uid, /^[0-9a-f-]{36}$/)
      assert.match(a.metadata.creationTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
      assert.ok(Number(b.metadata.resourceVersion) > Number(a.metadata.resourceVersion))
      const g1 = (await call('POST', CMS, { ...cm(''), metadata: { generateName: 'hook-' } })).body
      const g2 = (await call('POST', CMS, { ...cm(''), metadata: { generateName: 'hook-' } })).body
      assert.match(g1.metadata.name, /^hook-[a-z0-9]{5}$/)
      assert.is.not(g1.metadata.name, g2.metadata.name)
    } finally {
      await sb.stop()
    }
  },
)
objects('should refuse a PUT with a stale resourceVersion and accept one without', async () => {
  const { sb, call } = await http()
  try {
    const a = (await call('POST', CMS, cm('a'))).body
    assert.is((await call('PUT', `${CMS}/a`, { ...a, data: { a: '2' } })).status, 200)
    const stale = await call('PUT', `${CMS}/a`, { ...a, data: { a: '3' } })
    assert.equal([stale.status, stale.body.reason], [409, 'Conflict'])
    assert.match(stale.body.message, 'Operation cannot be fulfilled on configmaps "a": the object has been modified')
    const { resourceVersion: _, ...md } = a.metadata
    assert.is((await call('PUT', `${CMS}/a`, { ...a, metadata: md, data: { a: '4' } })).body.data.a, '4')
    assert.is((await call('PUT', `${CMS}/missing`, cm('missing'))).status, 404)
  } finally {
    await sb.stop()
  }
})
objects('should keep status out of main-resource writes and bump generation on spec changes only', async () => {
  const { sb, call } = await http({ controllers: false })
  try {
    const path = '/apis/apps/v1/namespaces/default/deployments'
    const dep = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        selector: { matchLabels: { a: 'b' } },
        template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } },
      },
      status: { readyReplicas: 9 },
    }
    const made = (await call('POST', path, dep)).body
    assert.equal(
      [made.status, made.metadata.generation, made.spec.replicas, made.spec.strategy.rollingUpdate],
      [undefined, 1, 1, { maxSurge: '25%', maxUnavailable: '25%' }],
    )
    const labelled = (
      await call('PATCH', `${path}/d`, { metadata: { labels: { x: 'y' } } }, 'application/merge-patch+json')
    ).body
    assert.is(labelled.metadata.generation, 1)
    const scaled = (
      await call(
        'PATCH',
        `${path}/d`,
        { spec: { replicas: 3 }, status: { readyReplicas: 3 } },
        'application/merge-patch+json',
      )
    ).body
    assert.equal([scaled.metadata.generation, scaled.status], [2, undefined])
    const st = (
      await call('PUT', `${path}/d/status`, { ...scaled, spec: { replicas: 7 }, status: { readyReplicas: 3 } })
    ).body
    assert.equal([st.status, st.spec.replicas], [{ readyReplicas: 3 }, 3])
  } finally {
    await sb.stop()
  }
})
objects('should apply JSON patch and refuse an unknown patch type with 415', async () => {
  const { sb, call } = await http()
  try {
    await call('POST', CMS, cm('a'))
    const r = await call(
      'PATCH',
      `${CMS}/a`,
      [
        { op: 'add', path: '/data/b', value: '2' },
        { op: 'remove', path: '/data/a' },
      ],
      'application/json-patch+json',
    )
    assert.equal(r.body.data, { b: '2' })
    assert.is((await call('PATCH', `${CMS}/a`, {}, 'text/plain')).status, 415)
  } finally {
    await sb.stop()
  }
})
objects('should let server-side apply drop what the same manager applied before, and nothing else', async () => {
  const { sb, call } = await http()
  try {
    const apply = (body: Json, manager = 'helm') =>
      call(
        'PATCH',
        `${CMS}/app?fieldManager=${manager}&force=true`,
        JSON.stringify(body),
        'application/apply-patch+yaml',
      )
    const cfg = (data: Json) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app' }, data })
    assert.is((await apply(cfg({ a: '1', b: '2' }))).status, 201)
    await call('PATCH', `${CMS}/app`, { data: { other: 'x' } }, 'application/merge-patch+json')
    const r = await apply(cfg({ a: '3' }))
    assert.equal(r.body.data, { a: '3', other: 'x' })
    // (a Deployment's pod template: a Pod's own containers may not change but for their images)
    const pod = (env: Json[]) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'p' },
      spec: {
        selector: { matchLabels: { app: 'p' } },
        template: { metadata: { labels: { app: 'p' } }, spec: { containers: [{ name: 'c', image: 'i', env }] } },
      },
    })
    const pods = '/apis/apps/v1/namespaces/default/deployments/p?fieldManager=helm'
    await call(
      'PATCH',
      pods,
      JSON.stringify(
        pod([
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
        ]),
      ),
      'application/apply-patch+yaml',
    )
    const p2 = await call(
      'PATCH',
      pods,
      JSON.stringify(pod([{ name: 'B', value: '3' }])),
      'application/apply-patch+yaml',
    )
    assert.equal(p2.body.spec.template.spec.containers[0].env, [{ name: 'B', value: '3' }])
  } finally {
    await sb.stop()
  }
})
objects('should keep a Service its cluster IP and node ports across a PUT that omits them', async () => {
  const { sb, call } = await http()
  try {
    const svcs = '/api/v1/namespaces/default/services'
    const made = (
      await call('POST', svcs, { metadata: { name: 's' }, spec: { type: 'NodePort', ports: [{ port: 80 }] } })
    ).body
    const put = (
      await call('PUT', `${svcs}/s`, {
        metadata: { name: 's' },
        spec: { type: 'NodePort', ports: [{ port: 80 }], selector: { a: 'b' } },
      })
    ).body
    assert.equal(
      [put.spec.clusterIP, put.spec.ports[0].nodePort, put.spec.selector],
      [made.spec.clusterIP, made.spec.ports[0].nodePort, { a: 'b' }],
    )
  } finally {
    await sb.stop()
  }
})
objects.run()

const selection = suite('sandbox list, selectors and paging')
selection('should filter by set-based label selectors and field selectors, and page with limit/continue', async () => {
  const { sb, call } = await http()
  try {
    for (const [n, env] of [
      ['a', 'prod'],
      ['b', 'dev'],
      ['c', 'qa'],
      ['d', undefined],
    ] as const)
      await call('POST', CMS, cm(n, env ? { labels: { env } } : {}))
    const names = async (q: string) =>
      ((await call('GET', `${CMS}?${q}`)).body.items as Json[]).map((i) => i.metadata.name)
    assert.equal(await names('labelSelector=env%20in%20(prod,qa)'), ['a', 'c'])
    assert.equal(await names('labelSelector=env%20notin%20(prod)'), ['b', 'c', 'd'])
    assert.equal(await names('labelSelector=!env'), ['d'])
    assert.equal(await names('fieldSelector=metadata.name%3Db'), ['b'])
    const page1 = (await call('GET', `${CMS}?limit=3`)).body
    assert.equal([page1.items.length, page1.metadata.remainingItemCount], [3, 1])
    const page2 = (await call('GET', `${CMS}?limit=3&continue=${page1.metadata.continue}`)).body
    assert.equal(
      page2.items.map((i: Json) => i.metadata.name),
      ['d'],
    )
    assert.is(page2.metadata.continue, undefined)
  } finally {
    await sb.stop()
  }
})
selection.run()

const watching = suite('sandbox watch')
const readWatch = async (sb: Sandbox, query: string, count: number): Promise<Json[]> => {
  const ctl = new AbortController()
  const res = await fetch(`${sb.url}${CMS}?watch=true&${query}`, {
    headers: { Authorization: `Bearer ${sb.token}` },
    signal: ctl.signal,
  })
  const events: Json[] = []
  let buf = ''
  const reader = res.body!.getReader()
  while (events.length < count) {
    const { value, done } = await reader.read()
    if (done) break
    buf += Buffer.from(value).toString()
    let nl
    while ((nl = buf.indexOf('\n')) >= 0) {
      events.push(JSON.parse(buf.slice(0, nl)))
      buf = buf.slice(nl + 1)
    }
  }
  ctl.abort()
  return events
}
watching('should replay events after a resourceVersion and answer 410 Expired past the history', async () => {
  const { sb, call } = await http({ watchHistory: 3 })
  try {
    const a = (await call('POST', CMS, cm('a'))).body
    await call('POST', CMS, cm('b'))
    await call('DELETE', `${CMS}/a`)
    const replay = await readWatch(sb, `resourceVersion=${a.metadata.resourceVersion}`, 2)
    assert.equal(
      replay.map((e) => `${e.type} ${e.object.metadata.name}`),
      ['ADDED b', 'DELETED a'],
    )
    for (const n of ['c', 'd', 'e']) await call('POST', CMS, cm(n))
    const gone = await readWatch(sb, `resourceVersion=${a.metadata.resourceVersion}`, 1)
    assert.equal([gone[0]!.type, gone[0]!.object.code, gone[0]!.object.reason], ['ERROR', 410, 'Expired'])
    const fresh = await readWatch(sb, 'labelSelector=', 4)
    assert.equal(
      fresh.map((e) => e.object.metadata.name),
      ['b', 'c', 'd', 'e'],
    )
  } finally {
    await sb.stop()
  }
})
watching('should turn selector transitions into ADDED and DELETED events', async () => {
  const { sb, call } = await http()
  try {
    const a = (await call('POST', CMS, cm('a'))).body
    await call('PATCH', `${CMS}/a`, { metadata: { labels: { pick: 'yes' } } }, 'application/merge-patch+json')
    await call('PATCH', `${CMS}/a`, { data: { b: '2' } }, 'application/merge-patch+json')
    await call('PATCH', `${CMS}/a`, { metadata: { labels: { pick: 'no' } } }, 'application/merge-patch+json')
    const events = await readWatch(sb, `resourceVersion=${a.metadata.resourceVersion}&labelSelector=pick%3Dyes`, 3)
    assert.equal(
      events.map((e) => e.type),
      ['ADDED', 'MODIFIED', 'DELETED'],
    )
  } finally {
    await sb.stop()
  }
})
watching.run()

const deletion = suite('sandbox deletion')
deletion('should cascade to dependents in the background, orphan on request, and wait for finalizers', async () => {
  const { sb, call } = await http({ controllers: false })
  try {
    const owner = (await call('POST', CMS, cm('owner'))).body
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid }
    await call('POST', CMS, cm('child', { ownerReferences: [ref] }))
    await call('DELETE', `${CMS}/owner`)
    assert.is((await call('GET', `${CMS}/child`)).status, 404)
    const owner2 = (await call('POST', CMS, cm('owner'))).body
    await call('POST', CMS, cm('kept', { ownerReferences: [{ ...ref, uid: owner2.metadata.uid }] }))
    await call('DELETE', `${CMS}/owner?propagationPolicy=Orphan`)
    assert.is((await call('GET', `${CMS}/kept`)).body.metadata.ownerReferences, undefined)
    await call('POST', CMS, cm('fin', { finalizers: ['example.com/hold'] }))
    const pending = await call('DELETE', `${CMS}/fin`)
    assert.equal([pending.status, typeof pending.body.metadata.deletionTimestamp], [202, 'string'])
    await call('PATCH', `${CMS}/fin`, { metadata: { finalizers: null } }, 'application/merge-patch+json')
    assert.is((await call('GET', `${CMS}/fin`)).status, 404)
    await call('POST', '/api/v1/namespaces', { metadata: { name: 'temp' } })
    await call('POST', '/api/v1/namespaces/temp/configmaps', cm('x'))
    await call('DELETE', '/api/v1/namespaces/temp')
    await call('POST', '/api/v1/namespaces', { metadata: { name: 'temp' } })
    assert.is((await call('GET', '/api/v1/namespaces/temp/configmaps/x')).status, 404)
  } finally {
    await sb.stop()
  }
})
deletion.run()

const crds = suite('sandbox CustomResourceDefinitions')
crds('should serve a custom resource once its CRD exists, in discovery too', async () => {
  const { sb, call } = await http()
  try {
    assert.is((await call('GET', '/apis/example.com/v1')).status, 404)
    await call('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { kind: 'Widget', plural: 'widgets', shortNames: ['wd'] },
        versions: [{ name: 'v1', served: true, storage: true }],
      },
    })
    const list = (await call('GET', '/apis/example.com/v1')).body
    assert.equal(list.resources[0], {
      name: 'widgets',
      singularName: 'widget',
      namespaced: true,
      kind: 'Widget',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['wd'],
    })
    assert.ok((await call('GET', '/apis')).body.groups.some((g: Json) => g.name === 'example.com'))
    const w = await call('POST', '/apis/example.com/v1/namespaces/default/widgets', {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w' },
      spec: { any: { thing: 1 } },
    })
    assert.equal([w.status, w.body.spec], [201, { any: { thing: 1 } }])
    await sleep(50)
    const crd = (await call('GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com')).body
    assert.ok(crd.status.conditions.some((c: Json) => c.type === 'Established' && c.status === 'True'))
  } finally {
    await sb.stop()
  }
})
crds.run()

const controllers = suite('sandbox fake controllers')
controllers(
  'should make StatefulSets, DaemonSets, Jobs, PVCs and LoadBalancers ready, and honour the failure annotations',
  async () => {
    const { sb, call } = await http()
    try {
      const tpl = (labels: Json, annotations: Json = {}, restartPolicy = 'Always') => ({
        metadata: { labels, annotations },
        spec: { restartPolicy, containers: [{ name: 'c', image: 'i' }] },
      })
      await call('POST', '/apis/apps/v1/namespaces/default/statefulsets', {
        metadata: { name: 'db' },
        spec: { replicas: 2, selector: { matchLabels: { app: 'db' } }, template: tpl({ app: 'db' }) },
      })
      await call('POST', '/apis/apps/v1/namespaces/default/daemonsets', {
        metadata: { name: 'agent' },
        spec: {
          selector: { matchLabels: { app: 'agent' } },
          template: tpl({ app: 'agent' }, { [NOT_READY]: 'false' }),
        },
      })
      await call('POST', '/apis/batch/v1/namespaces/default/jobs', {
        metadata: { name: 'ok' },
        spec: { template: tpl({}, {}, 'Never') },
      })
      await call('POST', '/apis/batch/v1/namespaces/default/jobs', {
        metadata: { name: 'bad', annotations: { [FAIL]: 'true' } },
        spec: { template: tpl({}, {}, 'Never') },
      })
      await call('POST', '/api/v1/namespaces/default/persistentvolumeclaims', {
        metadata: { name: 'data' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      })
      await call('POST', '/api/v1/namespaces/default/services', {
        metadata: { name: 'lb' },
        spec: { type: 'LoadBalancer', ports: [{ port: 80 }] },
      })
      await sleep(150)
      const get = async (p: string) => (await call('GET', p)).body
      const sts = await get('/apis/apps/v1/namespaces/default/statefulsets/db')
      assert.equal([sts.status.readyReplicas, sts.status.observedGeneration], [2, 1])
      assert.is((await get('/api/v1/namespaces/default/pods/db-1')).status.phase, 'Running')
      const ds = await get('/apis/apps/v1/namespaces/default/daemonsets/agent')
      assert.equal([ds.status.desiredNumberScheduled, ds.status.numberReady], [1, 0])
      assert.ok(
        (await get('/apis/batch/v1/namespaces/default/jobs/ok')).status.conditions.some(
          (c: Json) => c.type === 'Complete',
        ),
      )
      assert.ok(
        (await get('/apis/batch/v1/namespaces/default/jobs/bad')).status.conditions.some(
          (c: Json) => c.type === 'Failed',
        ),
      )
      assert.is((await get('/api/v1/namespaces/default/persistentvolumeclaims/data')).status.phase, 'Bound')
      const lb = await get('/api/v1/namespaces/default/services/lb')
      assert.match(lb.spec.clusterIP, /^10\.96\./)
      assert.equal(lb.status.loadBalancer.ingress, [{ ip: '127.0.0.1', ipMode: 'VIP' }])
    } finally {
      await sb.stop()
    }
  },
)
controllers('should switch controllers and inject faults through /sandbox/ endpoints (token required)', async () => {
  const { sb, call } = await http()
  try {
    assert.is((await client(sb, 'nope')('PUT', '/sandbox/controllers', { enabled: false })).status, 401)
    assert.equal((await call('PUT', '/sandbox/controllers', { enabled: false })).body, { enabled: false })
    await call('POST', '/api/v1/namespaces/default/pods', {
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'i' }] },
    })
    await sleep(50)
    assert.is((await call('GET', '/api/v1/namespaces/default/pods/p')).body.status.phase, 'Pending')
    await call('PUT', '/sandbox/controllers', { enabled: true })
    await sleep(50)
    assert.is((await call('GET', '/api/v1/namespaces/default/pods/p')).body.status.phase, 'Running')
    assert.is(
      (await call('POST', '/sandbox/faults', { kind: 'error500', method: 'GET', path: '/configmaps$', times: 1 }))
        .status,
      200,
    )
    assert.is((await call('GET', CMS)).status, 500)
    assert.is((await call('GET', CMS)).status, 200)
    assert.is((await call('POST', '/sandbox/faults', { kind: 'nope' })).status, 400)
  } finally {
    await sb.stop()
  }
})
controllers.run()

const persistence = suite('sandbox --data-dir')
persistence('should come back with its objects, resourceVersion, token and CA after a restart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-data-'))
  const kube = await import('../../src/adapters/k8s/Rest')
  const first = await startSandbox({ dataDir: dir })
  const made = await kube
    .connect({ kubeconfigYaml: first.kubeconfig })
    .then(async (rest1) => JSON.parse((await rest1.request({ method: 'POST', path: CMS, body: cm('kept') })).text))
    .finally(() => first.stop())
  const second = await startSandbox({ dataDir: dir })
  try {
    assert.is(second.token, first.token)
    assert.is(second.caPem, first.caPem)
    const rest2 = await kube.connect({ kubeconfigYaml: second.kubeconfig })
    const got = JSON.parse((await rest2.request({ method: 'GET', path: `${CMS}/kept` })).text)
    assert.equal([got.metadata.uid, got.metadata.resourceVersion], [made.metadata.uid, made.metadata.resourceVersion])
    const next = JSON.parse((await rest2.request({ method: 'POST', path: CMS, body: cm('next') })).text)
    assert.ok(Number(next.metadata.resourceVersion) > Number(made.metadata.resourceVersion))
  } finally {
    await second.stop()
  }
})
persistence('should refuse to listen on a non-loopback address', async () => {
  try {
    await startSandbox({ host: '0.0.0.0' })
    assert.unreachable('should have refused')
  } catch (e) {
    assert.match((e as Error).message, 'loopback only')
  }
})
persistence.run()

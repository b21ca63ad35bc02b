// helm without --host/HELM_HOST: it finds the Tiller pod (app=helm,name=tiller, Running, in kube-system) and
// reaches Tiller through pods/portforward, here the sandbox's, forwarded to a real tiller process.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { stringify } from 'yaml'
import { POD_FORWARD } from '../../src/sandbox/PortForward'
import { helmProc, kubectl, scratch, startKubeSandbox, startTiller } from '../support/processes'

const e2e = suite('e2e: helm → pods/portforward tunnel → tiller')

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
// helm must find Tiller by itself: no address from the environment
delete process.env.HELM_HOST

e2e('should find the tiller pod and run version, install, list and delete --purge through the tunnel', async () => {
  const dir = scratch('portforward')
  const kc = join(dir, 'kubeconfig')
  const sandbox = await startKubeSandbox(kc)
  const tiller = await startTiller(kc, dir).catch(async (err) => {
    await sandbox.stop()
    throw err
  })
  // the tunnel is the only way to this Tiller (it does not listen on 44134)
  const env = { HOME: dir, KUBECONFIG: kc }
  const helm = async (...args: string[]) => {
    const r = await helmProc(args, { cwd: dir, env })
    assert.is(r.code, 0, `helm ${args.join(' ')}: ${r.stderr}`)
    return r.stdout
  }
  const pod = (name: string, labels: Record<string, string>, forward: string | undefined) => {
    const file = join(dir, `${name}.yaml`)
    writeFileSync(
      file,
      stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name,
          namespace: 'kube-system',
          labels,
          ...(forward ? { annotations: { [`${POD_FORWARD}44134`]: forward } } : {}),
        },
        spec: {
          containers: [
            { name: 'tiller', image: 'ghcr.io/helm/tiller:v2.17.0', ports: [{ containerPort: 44134, name: 'tiller' }] },
          ],
        },
      }),
    )
    return file
  }
  const running = async (name: string) => {
    for (let i = 0; i < 100; i++) {
      const r = await kubectl(kc, ['get', 'pod', name, '-n', 'kube-system', '-o', 'jsonpath={.status.phase}'])
      if (r.stdout === 'Running') return
      await sleep(100)
    }
    throw new Error(`pod ${name} never ran`)
  }
  try {
    // before any Tiller pod exists, helm finds no Tiller
    const none = await helmProc(['version', '--server'], { cwd: dir, env })
    assert.is(none.code, 1, none.stdout)
    assert.match(none.stderr, /^Error: could not find tiller/)

    // a pod with other labels is not Tiller's
    assert.is(
      (await kubectl(kc, ['create', '-f', pod('decoy', { app: 'helm', name: 'other' }, '127.0.0.1:1')])).code,
      0,
    )
    assert.is(
      (await kubectl(kc, ['create', '-f', pod('tiller-deploy-abc', { app: 'helm', name: 'tiller' }, tiller.address)]))
        .code,
      0,
    )
    await running('tiller-deploy-abc')

    assert.match(
      await helm('version', '--server'),
      /^Server: &version\.Version\{SemVer:"v2\.17\.0", GitCommit:"[0-9a-f]{40}", GitTreeState:"(clean|dirty)"\}\n$/,
    )
    await helm('create', 'demo')
    const installed = await helm('install', './demo', '--name', 'tunneled')
    assert.match(installed, /^NAME: {3}tunneled\n/)
    assert.match(installed, /STATUS: DEPLOYED/)
    const maps = await kubectl(kc, [
      'get',
      'configmaps',
      '-n',
      'kube-system',
      '-l',
      'OWNER=TILLER',
      '-o',
      'jsonpath={.items[*].metadata.name}',
    ])
    assert.is(maps.stdout, 'tunneled.v1')
    assert.match(await helm('list'), /\ntunneled *\t1 +\t.+\tDEPLOYED\tdemo-0\.1\.0\t/)
    assert.is(await helm('delete', '--purge', 'tunneled'), 'release "tunneled" deleted\n')
    assert.is(await helm('list', '--all'), '')
  } finally {
    const code = await tiller.stop()
    await sandbox.stop()
    assert.is(code, 0, 'tiller exits 0 on SIGTERM')
  }
})

e2e('should fail with the error channel message when the tiller pod forwards to nothing', async () => {
  const dir = scratch('portforward-dead')
  const kc = join(dir, 'kubeconfig')
  const sandbox = await startKubeSandbox(kc)
  const env = { HOME: dir, KUBECONFIG: kc }
  try {
    const file = join(dir, 'tiller.yaml')
    writeFileSync(
      file,
      stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'tiller-deploy-x', namespace: 'kube-system', labels: { app: 'helm', name: 'tiller' } },
        spec: { containers: [{ name: 'tiller', image: 'ghcr.io/helm/tiller:v2.17.0' }] },
      }),
    )
    assert.is((await kubectl(kc, ['create', '-f', file])).code, 0)
    for (let i = 0; i < 100; i++) {
      if (
        (await kubectl(kc, ['get', 'pod', 'tiller-deploy-x', '-n', 'kube-system', '-o', 'jsonpath={.status.phase}']))
          .stdout === 'Running'
      )
        break
      await sleep(100)
    }
    // the forward is refused on the error channel; helm gives up after its connection timeout and exits
    let timer: NodeJS.Timeout | undefined
    const r = await Promise.race([
      helmProc(['list', '--tiller-connection-timeout', '5'], { cwd: dir, env }),
      new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), 30_000))),
    ]).finally(() => clearTimeout(timer))
    assert.ok(r, 'helm exited within 30 s')
    assert.is(r!.code, 1, r!.stdout)
    assert.match(
      r!.stderr,
      /^Error: cannot connect to Tiller at 127\.0\.0\.1:\d+: error forwarding port 44134 to pod kube-system\/tiller-deploy-x, uid [0-9a-f-]+: nothing listens on port 44134 /,
    )
  } finally {
    await sandbox.stop()
  }
})

e2e.run()

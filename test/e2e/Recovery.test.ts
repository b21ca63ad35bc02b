// Tiller killed with SIGKILL in the middle of an upgrade, then started again: the next command finds the
// release usable, the interrupted revision marked FAILED, and every revision whole.
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { helmProc, kubectl, scratch, startKubeSandbox, startTiller } from '../support/processes'

const recovery = suite('e2e: SIGKILL recovery')

recovery('should recover a release whose upgrade was cut by SIGKILL, losing no revision', async () => {
  const dir = scratch('kill')
  const kc = join(dir, 'kubeconfig')
  // no controllers: Deployments never become ready, so an upgrade --wait stays PENDING_UPGRADE
  const sandbox = await startKubeSandbox(kc, ['--no-controllers'])
  let tiller = await startTiller(kc, dir).catch(async (err) => {
    await sandbox.stop()
    throw err
  })
  const env = () => ({ HOME: dir, HELM_HOST: tiller.address })
  const helm = async (...args: string[]) => {
    const r = await helmProc(args, { cwd: dir, env: env() })
    assert.is(r.code, 0, `helm ${args.join(' ')}: ${r.stderr}`)
    return r.stdout
  }
  const maps = async () =>
    (
      await kubectl(kc, [
        'get',
        'configmaps',
        '-n',
        'kube-system',
        '-l',
        'NAME=web',
        '-o',
        'jsonpath={range .items[*]}{.metadata.name}={.metadata.labels.STATUS} {end}',
      ])
    ).stdout.trim()
  try {
    await helm('create', 'demo')
    await helm('install', './demo', '--name', 'web')
    const upgrade = helmProc(['upgrade', 'web', './demo', '--set', 'replicaCount=3', '--wait', '--timeout', '120'], {
      cwd: dir,
      env: env(),
    })
    for (let i = 0; i < 200 && !(await maps()).includes('web.v2=PENDING_UPGRADE'); i++)
      await new Promise((r) => setTimeout(r, 100))
    assert.is(await maps(), 'web.v1=DEPLOYED web.v2=PENDING_UPGRADE')
    await tiller.stop('SIGKILL')
    const cut = await upgrade
    assert.is(cut.code, 1)

    tiller = await startTiller(kc, dir)
    assert.match(
      tiller.output(),
      /web\.v2 was left PENDING_UPGRADE by an interrupted operation; marked it FAILED \(Tiller restarted\)/,
    )
    assert.is(await maps(), 'web.v1=DEPLOYED web.v2=FAILED')
    assert.match(await helm('upgrade', 'web', './demo', '--set', 'replicaCount=2'), /Release "web" has been upgraded\./)
    const history = await helm('history', 'web')
    assert.match(history, /\n1 +\t.+\tSUPERSEDED\tdemo-0\.1\.0\t1\.16\.0 +\tInstall complete/)
    assert.match(history, /\n2 +\t.+\tFAILED +\tdemo-0\.1\.0\t1\.16\.0 +\tInterrupted: /)
    assert.match(history, /\n3 +\t.+\tDEPLOYED +\tdemo-0\.1\.0\t1\.16\.0 +\tUpgrade complete/)
    assert.is(await maps(), 'web.v1=SUPERSEDED web.v2=FAILED web.v3=DEPLOYED')
    // every stored revision decodes whole
    for (const rev of ['1', '2', '3'])
      assert.match(await helm('get', 'manifest', 'web', '--revision', rev), /kind: Deployment/)
    assert.is(await helm('get', 'values', 'web', '--revision', '2'), 'replicaCount: 3\n\n')
  } finally {
    await tiller.stop()
    await sandbox.stop()
  }
})

recovery('should mark operations still running at a graceful shutdown as interrupted', async () => {
  const dir = scratch('term')
  const kc = join(dir, 'kubeconfig')
  const sandbox = await startKubeSandbox(kc, ['--no-controllers'])
  let tiller = await startTiller(kc, dir).catch(async (err) => {
    await sandbox.stop()
    throw err
  })
  const env = () => ({ HOME: dir, HELM_HOST: tiller.address })
  try {
    assert.is((await helmProc(['create', 'demo'], { cwd: dir, env: env() })).code, 0)
    const install = helmProc(['install', './demo', '--name', 'slow', '--wait', '--timeout', '120'], {
      cwd: dir,
      env: env(),
    })
    const state = async () =>
      (
        await kubectl(kc, [
          'get',
          'configmaps',
          '-n',
          'kube-system',
          '-l',
          'NAME=slow',
          '-o',
          'jsonpath={range .items[*]}{.metadata.labels.STATUS}{end}',
        ])
      ).stdout
    for (let i = 0; i < 200 && (await state()) !== 'PENDING_INSTALL'; i++) await new Promise((r) => setTimeout(r, 100))
    // SIGTERM: the grace period (2 s here) runs out, the install is cut and marked
    assert.is(await tiller.stop('SIGTERM'), 0)
    assert.match(
      tiller.output(),
      /slow\.v1 was left PENDING_INSTALL by an interrupted operation; marked it FAILED \(Tiller shut down during the operation\)/,
    )
    assert.is(await state(), 'FAILED')
    assert.is((await install).code, 1)
    tiller = await startTiller(kc, dir)
    const list = await helmProc(['list', '--failed'], { cwd: dir, env: env() })
    assert.match(list.stdout, /\nslow *\t1 +\t.+\tFAILED/)
  } finally {
    await tiller.stop()
    await sandbox.stop()
  }
})

recovery.run()

// The "done when": kube-sandbox, tiller (ConfigMap storage on the sandbox) and helm --host as real
// processes; kubectl watches the objects and the NAME.vN ConfigMaps come and go.
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { helmProc, kubectl, scratch, startKubeSandbox, startTiller } from '../support/processes'

const e2e = suite('e2e: helm ↔ tiller ↔ kube-sandbox')

e2e(
  'should install --wait, list, upgrade --set, show history, roll back, report status and values, test and purge',
  async () => {
    const dir = scratch('life')
    const kc = join(dir, 'kubeconfig')
    const sandbox = await startKubeSandbox(kc)
    const tiller = await startTiller(kc, dir).catch(async (err) => {
      await sandbox.stop()
      throw err
    })
    const env = { HOME: dir, HELM_HOST: tiller.address }
    const helm = async (...args: string[]) => {
      const r = await helmProc(args, { cwd: dir, env })
      assert.is(r.code, 0, `helm ${args.join(' ')}: ${r.stderr}`)
      return r.stdout
    }
    const releaseMaps = async () =>
      (
        await kubectl(kc, [
          'get',
          'configmaps',
          '-n',
          'kube-system',
          '-l',
          'OWNER=TILLER',
          '-o',
          'jsonpath={range .items[*]}{.metadata.name}={.metadata.labels.STATUS} {end}',
        ])
      ).stdout.trim()
    try {
      await helm('create', 'demo')
      const installed = await helm('install', './demo', '--name', 'web', '--wait')
      assert.match(installed, /^NAME: {3}web\n/)
      assert.match(installed, /STATUS: DEPLOYED/)
      assert.match(installed, /==> v1\/Deployment\nNAME +READY +UP-TO-DATE +AVAILABLE +AGE\nweb-demo +1\/1/)
      assert.is(await releaseMaps(), 'web.v1=DEPLOYED')
      assert.match(
        (await kubectl(kc, ['get', 'deployment', 'web-demo', '-n', 'default', '-o', 'jsonpath={.spec.replicas}']))
          .stdout,
        /^1$/,
      )

      const list = await helm('list')
      assert.match(list, /^NAME\tREVISION\tUPDATED +\tSTATUS +\tCHART +\tAPP VERSION\tNAMESPACE\n/)
      assert.match(list, /\nweb +\t1 +\t.+\tDEPLOYED\tdemo-0\.1\.0\t1\.16\.0 +\tdefault/)

      assert.match(
        await helm('upgrade', 'web', './demo', '--set', 'replicaCount=2'),
        /Release "web" has been upgraded\./,
      )
      assert.match(
        (await kubectl(kc, ['get', 'deployment', 'web-demo', '-n', 'default', '-o', 'jsonpath={.spec.replicas}']))
          .stdout,
        /^2$/,
      )
      assert.is(await releaseMaps(), 'web.v1=SUPERSEDED web.v2=DEPLOYED')

      const history = (await helm('history', 'web')).trimEnd().split('\n')
      assert.is(history.length, 3)
      assert.match(history[1]!, /^1 +\t.+\tSUPERSEDED\tdemo-0\.1\.0\t1\.16\.0 +\tInstall complete/)
      assert.match(history[2]!, /^2 +\t.+\tDEPLOYED +\tdemo-0\.1\.0\t1\.16\.0 +\tUpgrade complete/)

      assert.is(await helm('rollback', 'web', '1'), 'Rollback was a success! Happy Helming!\n')
      assert.match(
        (await kubectl(kc, ['get', 'deployment', 'web-demo', '-n', 'default', '-o', 'jsonpath={.spec.replicas}']))
          .stdout,
        /^1$/,
      )
      assert.is(await releaseMaps(), 'web.v1=SUPERSEDED web.v2=SUPERSEDED web.v3=DEPLOYED')
      assert.match(await helm('history', 'web'), /\n3 +\t.+\tDEPLOYED +\tdemo-0\.1\.0\t1\.16\.0 +\tRollback to 1/)

      const status = await helm('status', 'web')
      assert.match(
        status,
        /^LAST DEPLOYED: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\nNAMESPACE: default\nSTATUS: DEPLOYED\n\nRESOURCES:\n/,
      )
      assert.match(status, /NOTES:\n1\. Get the application URL/)
      assert.is(await helm('get', 'values', 'web', '--revision', '2'), 'replicaCount: 2\n\n')
      assert.is(await helm('get', 'values', 'web'), '{}\n\n')

      const test = await helm('test', 'web')
      assert.is(test, 'RUNNING: web-demo-test-connection\nPASSED: web-demo-test-connection\n')
      const afterTest = await helm('status', 'web')
      assert.match(
        afterTest,
        /TEST SUITE:\nLast Started: .+\nLast Completed: .+\n\nTEST +\tSTATUS +\tINFO\tSTARTED +\tCOMPLETED +\nweb-demo-test-connection\tSUCCESS\t/,
      )

      const reset = await helmProc(['reset'], { cwd: dir, env: { ...env, KUBECONFIG: kc } })
      assert.equal(
        [reset.code, reset.stderr],
        [
          1,
          'Error: there are still 1 deployed releases (Tip: use --force to remove Tiller. Releases will not be deleted.)\n',
        ],
      )

      assert.is(await helm('delete', '--purge', 'web'), 'release "web" deleted\n')
      assert.is(await releaseMaps(), '')
      const gone = await kubectl(kc, ['get', 'deployment', 'web-demo', '-n', 'default'])
      assert.is(gone.code, 1)
      assert.match(gone.stderr, /NotFound/)
      assert.is(await helm('list', '--all'), '')
    } finally {
      const code = await tiller.stop()
      await sandbox.stop()
      assert.is(code, 0, 'tiller exits 0 on SIGTERM')
    }
  },
)

e2e.run()

// The lifecycle's opening steps against a Tiller started with --tls-verify (certificates from scripts/tls).
import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { makeCerts } from '../support/tls'
import { helmProc, scratch, startKubeSandbox, startTiller } from '../support/processes'

const tls = suite('e2e: mutual TLS')

tls('should refuse a helm without a certificate and work with one', async () => {
  const dir = scratch('tls')
  const kc = join(dir, 'kubeconfig')
  makeCerts(join(dir, 'pki'))
  const home = join(dir, 'helm-home')
  mkdirSync(home)
  for (const f of ['ca.pem', 'cert.pem', 'key.pem']) copyFileSync(join(dir, 'pki', 'helm', f), join(home, f))
  const sandbox = await startKubeSandbox(kc)
  const tiller = await startTiller(kc, dir, [
    '--tls-verify',
    '--tls-cert',
    join(dir, 'pki/tiller/tls.crt'),
    '--tls-key',
    join(dir, 'pki/tiller/tls.key'),
    '--tls-ca-cert',
    join(dir, 'pki/tiller/ca.crt'),
  ]).catch(async (err) => {
    await sandbox.stop()
    throw err
  })
  const env = { HOME: dir, HELM_HOST: tiller.address, HELM_HOME: home }
  try {
    assert.match(tiller.output(), /Starting Tiller v2\.17\.0 \(tls=true\)/)
    assert.is((await helmProc(['create', 'demo'], { cwd: dir, env })).code, 0)
    const plain = await helmProc(['list', '--tiller-connection-timeout', '3'], { cwd: dir, env })
    assert.is(plain.code, 1)
    assert.match(plain.stderr, /^Error: /)
    // TLS with the CA but no client certificate: the handshake is refused
    const noCert = await helmProc(
      [
        'list',
        '--tls-verify',
        '--tls-cert',
        join(dir, 'none.pem'),
        '--tls-key',
        join(dir, 'none.pem'),
        '--tiller-connection-timeout',
        '3',
      ],
      { cwd: dir, env },
    )
    assert.is(noCert.code, 1)
    const installed = await helmProc(['install', './demo', '--name', 'safe', '--tls-verify'], { cwd: dir, env })
    assert.is(installed.code, 0, installed.stderr)
    const list = await helmProc(['list', '-q'], { cwd: dir, env: { ...env, HELM_TLS_VERIFY: '1' } })
    assert.is(list.stdout, 'safe\n')
    const secure = { ...env, HELM_TLS_VERIFY: '1' }
    const ok = async (...args: string[]) => {
      const r = await helmProc(args, { cwd: dir, env: secure })
      assert.is(r.code, 0, `${args.join(' ')}: ${r.stderr}`)
      return r.stdout
    }
    await ok('upgrade', 'safe', './demo', '--set', 'replicaCount=2')
    assert.match(await ok('history', 'safe'), /\n2 +\t.+\tDEPLOYED/)
    assert.is(await ok('rollback', 'safe', '1'), 'Rollback was a success! Happy Helming!\n')
    assert.is(await ok('get', 'values', 'safe', '--revision', '2'), 'replicaCount: 2\n\n')
    assert.is(await ok('delete', '--purge', 'safe'), 'release "safe" deleted\n')
    const version = await helmProc(['version', '-s', '--tls-verify'], { cwd: dir, env })
    // bin/tiller over dist/: the build stamps the commit of this checkout
    assert.match(
      version.stdout,
      /^Server: &version\.Version\{SemVer:"v2\.17\.0", GitCommit:"[0-9a-f]{40}", GitTreeState:"(clean|dirty)"\}\n$/,
    )
  } finally {
    await tiller.stop()
    await sandbox.stop()
  }
})

tls.run()

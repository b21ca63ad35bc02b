// Registry credentials with real registries: HTTPS with htpasswd users (Basic) and plain HTTP with bearer tokens
// from a token server on loopback. `helm registry login` stores what real Helm 4.1.4 stores (and nothing for a
// wrong password), push and pull use the stored credential, real Helm reads our credentials file, logout forgets.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { run, tempDir, writeChart } from '../adapters/http-repo/fixtures'
import { helm } from '../helpers'
import { referenceHelmPath } from '../support/referenceHelm'
import { type Registry, startRegistry, startTokenServer, type TokenServer } from '../support/registry'
import { makeCerts } from '../support/tls'

const real = await referenceHelmPath()
const certs = makeCerts()
const ca = join(certs, 'ca.crt')
const token: TokenServer = await startTokenServer({ bob: 'token-pass' })
const started: Registry[] = []
let basic: Registry
let bearer: Registry
try {
  basic = await startRegistry({
    tls: { cert: join(certs, 'tiller/tls.crt'), key: join(certs, 'tiller/tls.key') },
    users: { alice: 's3cret' },
  })
  started.push(basic)
  bearer = await startRegistry({ token })
  started.push(bearer)
} catch (err) {
  await Promise.all(started.map((r) => r.stop()))
  await token.stop()
  throw err
}

const workspace = async () => {
  const dir = await tempDir('wh-oci-auth-')
  const env = {
    HELM_HOME: join(dir, 'home'),
    HELM_CONFIG_HOME: join(dir, 'config'),
    HELM_CACHE_HOME: join(dir, 'cache'),
    HELM_DATA_HOME: join(dir, 'data'),
    DOCKER_CONFIG: join(dir, 'docker'),
    HOME: dir,
  }
  return {
    dir,
    ourConfig: join(dir, 'home/registry/config.json'),
    theirConfig: join(dir, 'config/registry/config.json'),
    ours: (args: ReadonlyArray<string>, stdin?: string) =>
      helm(args, { cwd: dir, env, ...(stdin !== undefined ? { stdin } : {}) }),
    theirs: (args: ReadonlyArray<string>, extra: Record<string, string> = {}) =>
      run(real, args, { cwd: dir, env: { ...env, ...extra } }),
  }
}

const auth = suite('helm registry login and credentials')
auth.after(async () => {
  await Promise.all(started.map((r) => r.stop()))
  await token.stop()
})

auth('should refuse a wrong password as real Helm does and store nothing', async () => {
  const w = await workspace()
  const ours = await w.ours(
    ['registry', 'login', basic.host, '-u', 'alice', '--password-stdin', '--ca-file', ca],
    'nope\n',
  )
  const theirs = await w.theirs(['registry', 'login', basic.host, '-u', 'alice', '-p', 'nope', '--ca-file', ca])
  assert.is(ours.code, 1)
  assert.is(theirs.code, 1)
  assert.is(
    ours.stderr,
    theirs.stderr
      .split('\n')
      .filter((l) => l.startsWith('Error: '))
      .join('\n') + '\n',
  )
  assert.not.ok(existsSync(w.ourConfig))
  assert.not.ok(existsSync(w.theirConfig))
})

auth('should store a good login as real Helm does (0600), push and pull with it, and forget it on logout', async () => {
  const w = await workspace()
  const ours = await w.ours(
    ['registry', 'login', basic.host, '-u', 'alice', '--password-stdin', '--ca-file', ca],
    's3cret\n',
  )
  assert.is(ours.code, 0, ours.stderr)
  assert.is(ours.stderr, 'Login Succeeded\n')
  const again = await w.theirs(['registry', 'login', basic.host, '-u', 'alice', '-p', 's3cret', '--ca-file', ca])
  assert.is(again.code, 0, again.stderr)
  assert.is(readFileSync(w.ourConfig, 'utf8'), readFileSync(w.theirConfig, 'utf8'))
  assert.is(statSync(w.ourConfig).mode & 0o777, 0o600)
  const chart = await writeChart(w.dir, 'private', '2.0.0')
  assert.is((await w.ours(['package', chart, '-d', w.dir])).code, 0)
  const pushed = await w.ours(['push', join(w.dir, 'private-2.0.0.tgz'), `oci://${basic.host}/team`, '--ca-file', ca])
  assert.is(pushed.code, 0, pushed.stderr)
  // real Helm with our credentials file
  const pulled = await w.theirs(['pull', `oci://${basic.host}/team/private`, '--ca-file', ca, '-d', w.dir], {
    HELM_REGISTRY_CONFIG: w.ourConfig,
  })
  assert.is(pulled.code, 0, pulled.stderr)
  // TLS: the registry's CA is unknown without --ca-file; --insecure-skip-tls-verify skips the check
  const untrusted = await w.ours(['fetch', `oci://${basic.host}/team/private`, '-d', join(w.dir, 'untrusted')])
  assert.is(untrusted.code, 1)
  assert.match(untrusted.stderr, /^Error: .*certificate/)
  const skipped = await w.ours([
    'fetch',
    `oci://${basic.host}/team/private`,
    '--insecure-skip-tls-verify',
    '-d',
    join(w.dir, 'skipped'),
  ])
  assert.is(skipped.code, 0, skipped.stderr)
  assert.ok(existsSync(join(w.dir, 'skipped/private-2.0.0.tgz')))
  const out = await w.ours(['registry', 'logout', basic.host])
  assert.is(out.code, 0, out.stderr)
  assert.is(out.stderr, `Removing login credentials for ${basic.host}\n`)
  assert.equal(JSON.parse(readFileSync(w.ourConfig, 'utf8')), { auths: {} })
  const refused = await w.ours(['fetch', `oci://${basic.host}/team/private`, '--ca-file', ca, '-d', w.dir])
  assert.is(refused.code, 1)
  assert.match(refused.stderr, 'response status code 401: unauthorized: authentication required', refused.stderr)
  // Docker's config.json is the fallback store, as Helm's NewStoreWithFallbacks reads it
  mkdirSync(join(w.dir, 'docker'), { recursive: true })
  writeFileSync(
    join(w.dir, 'docker/config.json'),
    JSON.stringify({ auths: { [basic.host]: { auth: Buffer.from('alice:s3cret').toString('base64') } } }),
  )
  const viaDocker = await w.ours(['fetch', `oci://${basic.host}/team/private`, '--ca-file', ca, '-d', join(w.dir, 'd')])
  assert.is(viaDocker.code, 0, viaDocker.stderr)
  assert.ok(existsSync(join(w.dir, 'd/private-2.0.0.tgz')))
})

auth('should negotiate bearer tokens from the registry token service for login, push and pull', async () => {
  const w = await workspace()
  const wrong = await w.ours(['registry', 'login', bearer.host, '-u', 'bob', '-p', 'bad', '--plain-http'])
  assert.is(wrong.code, 1)
  assert.not.ok(existsSync(w.ourConfig))
  const ok = await w.ours(
    ['registry', 'login', bearer.host, '-u', 'bob', '--password-stdin', '--plain-http'],
    'token-pass',
  )
  assert.is(ok.code, 0, ok.stderr)
  // as Helm 4's Client.Login: an OAuth2 password grant first
  assert.ok(
    token.requests().some((r) => r.method === 'POST' && r.user === 'bob'),
    JSON.stringify(token.requests()),
  )
  const chart = await writeChart(w.dir, 'tokened', '0.1.0')
  assert.is((await w.ours(['package', chart, '-d', w.dir])).code, 0)
  const pushed = await w.ours(['push', join(w.dir, 'tokened-0.1.0.tgz'), `oci://${bearer.host}/t`, '--plain-http'])
  assert.is(pushed.code, 0, pushed.stderr)
  assert.ok(
    token.requests().some((r) => r.user === 'bob' && r.scopes.includes('repository:t/tokened:pull,push')),
    JSON.stringify(token.requests()),
  )
  const rendered = await w.theirs(['template', 'x', `oci://${bearer.host}/t/tokened`, '--plain-http'], {
    HELM_REGISTRY_CONFIG: w.ourConfig,
  })
  assert.is(rendered.code, 0, rendered.stderr)
  const ours = await w.ours(['template', `oci://${bearer.host}/t/tokened`, '--name', 'x', '--plain-http'])
  assert.is(ours.code, 0, ours.stderr)
  assert.is(ours.stdout, rendered.stdout)
})

auth.run()

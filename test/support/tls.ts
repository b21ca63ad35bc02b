// Certificates for the TLS tests, made with the openssl CLI (a system dependency like kubectl: .ci/run installs it
// from Debian when it is missing). Without it these helpers throw, so the tests fail loudly instead of passing idle.
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { projectRoot } from './bins'

const fail = (what: string, r: ReturnType<typeof spawnSync>): never => {
  throw new Error(
    `${what} failed (${r.error?.message ?? `exit ${r.status}`}); the TLS tests need the openssl CLI (apt-get install openssl, as .ci/run does): ${r.stderr ?? ''}`,
  )
}

/** Runs `openssl ARGS`, failing the test with openssl's message. */
export const openssl = (args: ReadonlyArray<string>): void => {
  const r = spawnSync('openssl', args, { encoding: 'utf8' })
  if (r.status !== 0) fail(`openssl ${args[0] ?? ''}`, r)
}

/**
 * scripts/tls/make-certs.sh into a fresh folder (or `dir`): ca.crt; tiller/tls.crt, tls.key, ca.crt; helm/ca.pem,
 * cert.pem, key.pem. `env` passes its settings (`TLS_CLIENT_DAYS: '-1'`: an expired client certificate). Returns
 * the folder.
 */
export const makeCerts = (
  dir: string = mkdtempSync(join(tmpdir(), 'tls-')),
  env: Readonly<Record<string, string>> = {},
): string => {
  const r = spawnSync('sh', [join(projectRoot, 'scripts/tls/make-certs.sh'), dir], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  })
  if (r.status !== 0) fail('scripts/tls/make-certs.sh', r)
  return dir
}

// A real OCI registry for the registry tests: Debian's docker-registry (CNCF distribution 2.8, a system dependency
// that .ci/run installs when missing) on 127.0.0.1 with its own config: plain HTTP, TLS, htpasswd users, or bearer
// tokens from a token server on loopback (`startTokenServer`: the Docker token protocol, ES256 JWTs whose x5c
// certificate is the registry's rootcertbundle). Tests stop what they start in `finally`.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { createHash, createPrivateKey, randomBytes, sign } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import bcrypt from 'bcryptjs'
import { openssl } from './tls'

export interface Registry {
  /** `127.0.0.1:PORT` */
  readonly host: string
  /** the registry's storage folder (blobs under docker/registry/v2/blobs/sha256/XX/HEX/data) */
  readonly root: string
  readonly output: () => string
  readonly stop: () => Promise<void>
}

export interface RegistryOptions {
  /** serve HTTPS with this certificate and key (PEM files) */
  readonly tls?: { readonly cert: string; readonly key: string }
  /** htpasswd users (name → password) */
  readonly users?: Readonly<Record<string, string>>
  /** bearer tokens from this token server */
  readonly token?: TokenServer
}

const BIN = 'docker-registry'

const need = (): void => {
  const r = spawnSync(BIN, ['--version'], { encoding: 'utf8' })
  if (r.status !== 0)
    throw new Error(
      `${BIN} is needed for the OCI registry tests (apt-get install docker-registry, as .ci/run does): ${r.error?.message ?? r.stderr}`,
    )
}

/** Starts a registry on 127.0.0.1 (a free port) with a fresh storage folder. */
export const startRegistry = async (opts: RegistryOptions = {}): Promise<Registry> => {
  need()
  const dir = mkdtempSync(join(tmpdir(), 'registry-'))
  const root = join(dir, 'data')
  const lines = [
    'version: 0.1',
    'log:',
    '  level: info',
    '  formatter: text',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${root}`,
    '  delete:',
    '    enabled: true',
    'http:',
    '  addr: 127.0.0.1:0',
    `  secret: ${randomBytes(16).toString('hex')}`,
  ]
  if (opts.tls) lines.push('  tls:', `    certificate: ${opts.tls.cert}`, `    key: ${opts.tls.key}`)
  if (opts.users) {
    const file = join(dir, 'htpasswd')
    writeFileSync(
      file,
      Object.entries(opts.users)
        .map(([u, p]) => `${u}:${bcrypt.hashSync(p, 4)}\n`)
        .join(''),
    )
    lines.push('auth:', '  htpasswd:', '    realm: basic-realm', `    path: ${file}`)
  } else if (opts.token) {
    lines.push(
      'auth:',
      '  token:',
      `    realm: ${opts.token.realm}`,
      `    service: ${opts.token.service}`,
      `    issuer: ${opts.token.issuer}`,
      `    rootcertbundle: ${opts.token.certFile}`,
    )
  }
  const config = join(dir, 'config.yml')
  writeFileSync(config, `${lines.join('\n')}\n`)
  const child: ChildProcess = spawn(BIN, ['serve', config], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  const host = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`registry not listening after 20 s: ${out}`)), 20_000)
    const onData = (c: Buffer) => {
      out += c
      const m = /listening on (127\.0\.0\.1:\d+)/.exec(out)
      if (m?.[1]) {
        clearTimeout(timer)
        resolve(m[1])
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`registry exited ${code}: ${out}`))
    })
  })
  const exited = new Promise<void>((r) => child.on('exit', () => r()))
  return {
    host,
    root,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}

/** The file a registry stores a blob's content in. */
export const blobPath = (registry: Registry, digest: string): string => {
  const hex = digest.replace(/^sha256:/, '')
  return join(registry.root, 'docker/registry/v2/blobs/sha256', hex.slice(0, 2), hex, 'data')
}

export interface TokenServer {
  readonly realm: string
  readonly service: string
  readonly issuer: string
  /** the certificate the registry trusts (its rootcertbundle) */
  readonly certFile: string
  /** the token requests served: method, the scopes asked for and the user (undefined: anonymous) */
  readonly requests: () => ReadonlyArray<{ method: string; scopes: string[]; user: string | undefined }>
  readonly stop: () => Promise<void>
}

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url')

/**
 * A Docker token service on 127.0.0.1: GET with Basic auth (or an OAuth2 password grant POST) answers
 * `{"token","access_token"}` granting the scopes asked for to `users`, pull only to anonymous callers, and 401 to a
 * wrong password.
 */
export const startTokenServer = async (users: Readonly<Record<string, string>>): Promise<TokenServer> => {
  const dir = mkdtempSync(join(tmpdir(), 'token-'))
  const keyFile = join(dir, 'token.key')
  const certFile = join(dir, 'token.crt')
  openssl([
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-sha256',
    '-days',
    '30',
    '-subj',
    '/CN=wheelhouse-token-issuer',
    '-keyout',
    keyFile,
    '-out',
    certFile,
  ])
  const key = createPrivateKey(readFileSync(keyFile))
  const der = Buffer.from(
    readFileSync(certFile, 'utf8')
      .replace(/-----[^-]+-----/g, '')
      .replace(/\s+/g, ''),
    'base64',
  )
  const service = 'wheelhouse-registry'
  const issuer = 'wheelhouse-token-issuer'
  const seen: Array<{ method: string; scopes: string[]; user: string | undefined }> = []
  const jwt = (user: string | undefined, scopes: string[]): string => {
    const now = Math.floor(Date.now() / 1000)
    const access = scopes.flatMap((s) => {
      const [type, name, actions] = [s.split(':')[0], s.split(':').slice(1, -1).join(':'), s.split(':').at(-1)]
      if (type !== 'repository' || !name || !actions) return []
      const granted = actions.split(',').filter((a) => user !== undefined || a === 'pull')
      return [{ type, name, actions: granted }]
    })
    const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'ES256', x5c: [der.toString('base64')] }))
    const claims = b64url(
      JSON.stringify({
        iss: issuer,
        sub: user ?? '',
        aud: service,
        exp: now + 300,
        nbf: now - 30,
        iat: now,
        jti: createHash('sha256').update(randomBytes(16)).digest('hex'),
        access,
      }),
    )
    const sig = sign('sha256', Buffer.from(`${header}.${claims}`), { key, dsaEncoding: 'ieee-p1363' })
    return `${header}.${claims}.${b64url(sig)}`
  }
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://token')
      let user: string | undefined
      let pass: string | undefined
      let scopes = url.searchParams.getAll('scope')
      const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')
      if (basic?.[1]) {
        const text = Buffer.from(basic[1], 'base64').toString('utf8')
        user = text.slice(0, text.indexOf(':'))
        pass = text.slice(text.indexOf(':') + 1)
      }
      if (req.method === 'POST') {
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
        if (form.get('grant_type') !== 'password') {
          res.writeHead(400).end('{"error":"unsupported_grant_type"}')
          return
        }
        user = form.get('username') ?? undefined
        pass = form.get('password') ?? undefined
        scopes = (form.get('scope') ?? '').split(' ').filter((s) => s !== '')
      }
      seen.push({ method: req.method ?? '', scopes, user })
      if (user !== undefined && users[user] !== pass) {
        res.writeHead(401, { 'Content-Type': 'application/json' })
        res.end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}')
        return
      }
      const token = jwt(user, scopes)
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ token, access_token: token, expires_in: 300 }))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const port = (server.address() as AddressInfo).port
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    certFile,
    requests: () => [...seen],
    stop: () => new Promise<void>((r) => server.close(() => r())),
  }
}

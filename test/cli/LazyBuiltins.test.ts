// The helm bundle loads node:crypto, node:zlib and node:fs/promises on first use (scripts/build.mjs, the
// lazy-builtins plugin), initialises the packages re2js, yaml and bcryptjs on first use (the lazy-packages
// plugin), and makes no stdin stream unless a command reads stdin:
// `helm template` of a plain chart loads neither, and everything that needs them works through bin/helm as it
// does from source: hashes, keys, bcrypt, AES, random strings, packaged (gzip) charts.
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'

const root = resolve(import.meta.dirname, '../..')
const scratch = mkdtempSync(join(tmpdir(), 'lazy-builtins-'))
// prints, when the process ends, which of the two built-ins it loaded
const probe = join(scratch, 'probe.cjs')
writeFileSync(
  probe,
  "process.on('exit', () => process.stderr.write('loaded:' + ['crypto', 'zlib', 'fs/promises', 'internal/fs/streams'].filter((m) => process.moduleLoadList.includes('NativeModule ' + m)).join(',') + '\\n'))\n",
)

const helm = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
    execFile(
      process.execPath,
      ['--require', probe, join(root, 'bin/helm'), ...args],
      { env: { ...process.env, NODE_OPTIONS: '', HOME: scratch, HELM_HOME: join(scratch, '.helm') }, cwd: scratch },
      (err, stdout, stderr) => done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  )

const chart = (name: string, template: string): string => {
  const dir = join(scratch, name)
  mkdirSync(join(dir, 'templates'), { recursive: true })
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v1\nname: ${name}\nversion: 0.1.0\n`)
  writeFileSync(join(dir, 'values.yaml'), 'word: hello\n')
  writeFileSync(join(dir, 'templates', 'cm.yaml'), template)
  return dir
}

const lazy = suite('helm bundle: node:crypto and node:zlib on first use')

lazy('should load neither for a chart that needs neither', async () => {
  const r = await helm(['template', 'x', chart('plain', 'kind: ConfigMap\ndata:\n  w: {{ .Values.word | upper }}\n')])
  assert.is(r.code, 0, r.stderr)
  assert.match(r.stdout, /w: HELLO/)
  assert.match(r.stderr, /^loaded:\n$/m)
})

lazy('should run the crypto functions of templates through the bundle', async () => {
  const dir = chart(
    'crypto',
    [
      'kind: ConfigMap',
      'data:',
      '  sha: {{ .Values.word | sha256sum }}',
      '  sha1: {{ .Values.word | sha1sum }}',
      '  adler: {{ .Values.word | adler32sum | quote }}',
      '  htpasswd: {{ htpasswd "user" "pw" | quote }}',
      '  rand: {{ randAlphaNum 12 | len }}',
      '  aes: {{ encryptAES "secretkey" .Values.word | decryptAES "secretkey" }}',
      '  key: {{ genPrivateKey "ecdsa" | trunc 30 | quote }}',
      '  derived: {{ derivePassword 1 "long" "password" "user" "example.com" | quote }}',
      '',
    ].join('\n'),
  )
  const r = await helm(['template', 'x', dir])
  assert.is(r.code, 0, r.stderr)
  // sha256("hello"), sha1("hello"): as Go's crypto computes them
  assert.match(r.stdout, /sha: 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824\n/)
  assert.match(r.stdout, /sha1: aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d\n/)
  assert.match(r.stdout, /adler: "103547413"\n/)
  assert.match(r.stdout, /htpasswd: "user:\$2a\$10\$[./A-Za-z0-9]{53}"\n/)
  assert.match(r.stdout, /rand: 12\n/)
  assert.match(r.stdout, /aes: hello\n/)
  assert.match(r.stdout, /key: "-----BEGIN EC PRIVATE KEY-----"\n/)
  // real Helm 4.1.4 prints the same for this derivePassword
  assert.match(r.stdout, /derived: "ZedaFaxcZaso9\*"\n/)
  assert.match(r.stderr, /^loaded:crypto\n$/m)
})

lazy('should read a packaged (gzip) chart through the bundle', async () => {
  const dir = chart('packed', 'kind: ConfigMap\ndata:\n  w: {{ .Values.word | quote }}\n')
  const out = join(scratch, 'out')
  mkdirSync(out)
  const p = await helm(['package', dir, '-d', out])
  assert.is(p.code, 0, p.stderr)
  const [tgz] = readdirSync(out)
  const r = await helm(['template', 'x', join(out, tgz!)])
  assert.is(r.code, 0, r.stderr)
  assert.match(r.stdout, /w: "hello"/)
  assert.match(r.stderr, /^loaded:.*zlib.*\n$/m)
})

lazy('should read values from files and from stdin through the bundle', async () => {
  const dir = chart(
    'stdin',
    'kind: ConfigMap\ndata:\n  w: {{ .Values.word | quote }}\n  n: {{ .Values.extra | quote }}\n',
  )
  writeFileSync(join(scratch, 'more.yaml'), 'extra: from-file\n')
  const file = await helm(['template', 'x', dir, '-f', join(scratch, 'more.yaml')])
  assert.is(file.code, 0, file.stderr)
  assert.match(file.stdout, /n: "from-file"/)
  assert.match(file.stderr, /^loaded:fs\/promises\n$/m)
  const r = await new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    const child = execFile(
      process.execPath,
      ['--require', probe, join(root, 'bin/helm'), 'template', 'x', dir, '-f', '-'],
      { env: { ...process.env, NODE_OPTIONS: '', HOME: scratch, HELM_HOME: join(scratch, '.helm') }, cwd: scratch },
      (err, stdout, stderr) => done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
    child.stdin?.end('word: piped\nextra: from-stdin\n')
  })
  assert.is(r.code, 0, r.stderr)
  assert.match(r.stdout, /w: "piped"/)
  assert.match(r.stdout, /n: "from-stdin"/)
})

lazy('should run what the lazily initialised packages serve through the bundle', async () => {
  const dir = chart(
    'packages',
    [
      'kind: ConfigMap',
      'data:',
      '  match: {{ regexMatch "^h.l+o$" .Values.word | quote }}',
      '  replaced: {{ regexReplaceAll "l+" .Values.word "L" | quote }}',
      '  split: {{ regexSplit "l" .Values.word -1 | join "," | quote }}',
      '  files: {{ range $p, $_ := .Files.Glob "files/*.txt" }}{{ $p }};{{ end }}',
      '  htpasswd: {{ htpasswd "user" "pw" | hasPrefix "user:$2a$10$" | quote }}',
      '',
    ].join('\n'),
  )
  mkdirSync(join(dir, 'files'))
  writeFileSync(join(dir, 'files', 'a.txt'), 'a')
  writeFileSync(join(dir, 'files', 'b.md'), 'b')
  const r = await helm(['template', 'x', dir])
  assert.is(r.code, 0, r.stderr)
  assert.match(r.stdout, /match: "true"/)
  assert.match(r.stdout, /replaced: "heLo"/)
  assert.match(r.stdout, /split: "he,,o"/)
  assert.match(r.stdout, /files: files\/a\.txt;\n/)
  assert.match(r.stdout, /htpasswd: "true"/)
  // the yaml package: a repository index written and searched
  const repo = join(scratch, 'repo')
  mkdirSync(repo)
  assert.is((await helm(['package', dir, '-d', repo])).code, 0)
  const index = await helm(['repo', 'index', repo])
  assert.is(index.code, 0, index.stderr)
  assert.match(readFileSync(join(repo, 'index.yaml'), 'utf8'), /^apiVersion: v1\nentries:\n {2}packages:\n/)
})

lazy.after(() => rmSync(scratch, { recursive: true, force: true }))
lazy.run()

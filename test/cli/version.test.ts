import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startGrpcServer } from '../../src/adapters/grpc/Server'
import { createTiller } from '../../src/tiller/embed'
import { helm } from '../helpers'

const version = suite('helm version')
version('should print the client version with -c', async () => {
  const r = await helm(['version', '-c'])
  assert.is(r.code, 0)
  assert.is(r.stdout, 'Client: &version.Version{SemVer:"v2.17.0", GitCommit:"", GitTreeState:""}\n')
})
version('should refuse an unknown command in one line on stderr with exit 1', async () => {
  const r = await helm(['no-such-command'])
  assert.is(r.code, 1)
  assert.is(r.stdout, '')
  assert.match(r.stderr, /^Error: /)
  assert.not.match(r.stderr, /\n\s+at /)
})
version.run()

const tpl = suite('helm version --template')
tpl('should execute the template over the client version alone with -c, printing nothing else', async () => {
  const r = await helm([
    'version',
    '-c',
    '--template',
    '{{.Client.SemVer}}|{{.Client.GetGitTreeState}}|{{.Client.GitCommit}}',
  ])
  assert.equal([r.code, r.stdout, r.stderr], [0, 'v2.17.0||', ''])
})
tpl("should print a version struct as protobuf's compact text, empty fields left out", async () => {
  // run from source: the build stamps no commit or tree state (test/e2e/BuildStamp checks the bundle's)
  const r = await helm(['version', '-c', '--template', '[{{.Client}}] {{printf "%T" .Client}}'])
  assert.is(r.stdout, '[sem_ver:"v2.17.0" ] *version.Version')
})
tpl('should see no Server with -c: a nil pointer error from Go templates', async () => {
  const r = await helm(['version', '-c', '--template', '{{.Server.SemVer}}'])
  assert.is(r.code, 1)
  assert.is(
    r.stderr,
    'Error: template: _:1:9: executing "_" at <.Server.SemVer>: nil pointer evaluating interface {}.SemVer\n',
  )
})
tpl(
  'should report a field the struct lacks (typed as the map value interface {}, as Go does) and a parse error in Go words',
  async () => {
    const bad = await helm(['version', '-c', '--template', '{{.Client.Major}}'])
    assert.is(bad.code, 1)
    assert.is(
      bad.stderr,
      'Error: template: _:1:9: executing "_" at <.Client.Major>: can\'t evaluate field Major in type interface {}\n',
    )
    const unclosed = await helm(['version', '-c', '--template', '{{.Client'])
    assert.is(unclosed.code, 1)
    assert.match(unclosed.stderr, /^Error: template: _:1: /)
  },
)
tpl('should have no Sprig functions, as Helm v2 parses it with plain text/template', async () => {
  const r = await helm(['version', '-c', '--template', '{{.Client.SemVer | upper}}'])
  assert.is(r.code, 1)
  assert.is(r.stderr, 'Error: template: _:1: function "upper" not defined\n')
})
tpl("should add Tiller's version as .Server when asked for it", async () => {
  const server = await startGrpcServer({ api: createTiller(), listen: '127.0.0.1:0', version: 'v2.17.0' })
  try {
    const env = { HOME: mkdtempSync(join(tmpdir(), 'wh-version-')), HELM_HOST: `127.0.0.1:${server.port}` }
    const both = await helm(
      ['version', '--template', '{{.Client.SemVer}} {{.Server.SemVer}} {{.Server.GitTreeState}}'],
      { env },
    )
    assert.equal([both.code, both.stdout, both.stderr], [0, 'v2.17.0 v2.17.0 ', ''])
    const onlyServer = await helm(['version', '-s', '--template', '{{if .Client}}client{{end}}{{.Server.SemVer}}'], {
      env,
    })
    assert.equal([onlyServer.code, onlyServer.stdout], [0, 'v2.17.0'])
  } finally {
    await server.stop(0)
  }
})
tpl.run()

const short = suite('helm version --short (Helm v2.17 formatVersion)')
short('should print SEMVER+gCOMMIT7 with a commit, and the full form without one', async () => {
  const { formatVersion } = await import('../../src/cli/commands/version')
  const built = { semVer: 'v2.17.0', gitCommit: 'a690bad98af45b015bd993c5e6d6d4c1f0b1e6c0', gitTreeState: 'clean' }
  assert.is(formatVersion(built, true), 'v2.17.0+ga690bad')
  assert.is(
    formatVersion({ ...built, gitCommit: '', gitTreeState: '' }, true),
    '&version.Version{SemVer:"v2.17.0", GitCommit:"", GitTreeState:""}',
  )
  assert.is(
    formatVersion(built, false),
    '&version.Version{SemVer:"v2.17.0", GitCommit:"a690bad98af45b015bd993c5e6d6d4c1f0b1e6c0", GitTreeState:"clean"}',
  )
  const { clientVersion } = await import('../../src/cli/version')
  const r = await helm(['version', '-c', '--short'])
  assert.is(r.stdout, `Client: ${formatVersion(clientVersion, true)}\n`)
  assert.not.match(r.stdout, /\+gunknown/)
})
short.run()

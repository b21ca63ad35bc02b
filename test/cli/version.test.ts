import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { helm } from '../helpers'

const version = suite('helm version')
version('should print the client version with -c', async () => {
  const r = await helm(['version', '-c'])
  assert.is(r.code, 0)
  assert.is(r.stdout, 'Client: &version.Version{SemVer:"v2.17.0", GitCommit:"", GitTreeState:"clean"}\n')
})
version('should refuse an unknown command in one line on stderr with exit 1', async () => {
  const r = await helm(['no-such-command'])
  assert.is(r.code, 1)
  assert.is(r.stdout, '')
  assert.match(r.stderr, /^Error: /)
  assert.not.match(r.stderr, /\n\s+at /)
})
version.run()

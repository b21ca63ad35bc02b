// GetVersion and `helm version` carry the commit the build was made from (scripts/build.mjs stamps it from git).
import { execFileSync } from 'node:child_process'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { helmProc, scratch } from '../support/processes'

const stamp = suite('e2e: the build stamps its git commit')
stamp('should report a commit of this repository and its tree state from bin/helm', async () => {
  const dir = scratch('stamp')
  const r = await helmProc(['version', '-c'], { cwd: dir, env: { HOME: dir } })
  assert.is(r.code, 0, r.stderr)
  const m =
    /^Client: &version\.Version\{SemVer:"v2\.17\.0", GitCommit:"([0-9a-f]{40})", GitTreeState:"(clean|dirty)"\}\n$/.exec(
      r.stdout,
    )
  assert.ok(m, r.stdout)
  // the commit exists in this checkout (the bundle may predate HEAD when src/ did not change since)
  assert.is(execFileSync('git', ['cat-file', '-t', m![1]!]).toString().trim(), 'commit')
  const short = await helmProc(['version', '-c', '--short'], { cwd: dir, env: { HOME: dir } })
  assert.is(short.stdout, `Client: v2.17.0+g${m![1]!.slice(0, 7)}\n`)
})
stamp.run()

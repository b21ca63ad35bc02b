import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { localChartFiles } from '../../../src/adapters/fs/LocalChartFiles'
import { assertLeft, assertRight } from '../../helpers'
import { chartFilesContract } from '../../ports/ChartFiles.contract'

const seeded = async (seed: Readonly<Record<string, string | Uint8Array>>) => {
  const root = await mkdtemp(join(tmpdir(), 'wh-files-'))
  for (const [p, d] of Object.entries(seed)) {
    await mkdir(dirname(join(root, p)), { recursive: true })
    await writeFile(join(root, p), d)
  }
  return root
}

chartFilesContract('local', async (seed) => ({ files: localChartFiles(), root: await seeded(seed) }))

const local = suite('localChartFiles (the disk only)')
local('should follow symlinks in a chart folder, visiting each real folder once', async () => {
  const root = await seeded({ 'c/Chart.yaml': 'name: c\n', 'shared/t.yaml': 'kind: T\n' })
  await symlink(join(root, 'shared'), join(root, 'c', 'templates'))
  await symlink(join(root, 'c'), join(root, 'c', 'loop'))
  const got = assertRight(await localChartFiles().readChartDir(join(root, 'c'))())
  assert.equal(
    got.map((f) => f.path),
    ['Chart.yaml', 'templates/t.yaml'],
  )
})
local('should refuse an irregular file (a fifo) in a chart folder', async () => {
  const root = await seeded({ 'c/Chart.yaml': 'name: c\n' })
  const { execFileSync } = await import('node:child_process')
  execFileSync('mkfifo', [join(root, 'c', 'pipe')])
  assert.is(assertLeft(await localChartFiles().readChartDir(join(root, 'c'))())._tag, 'InvalidChartFile')
})
local.run()

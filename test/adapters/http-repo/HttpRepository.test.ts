import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { httpRepository } from '../../../src/adapters/http-repo/HttpRepository'
import { chartRepositoryContract } from '../../ports/ChartRepository.contract'
import { staticServer } from './fixtures'

chartRepositoryContract('http', async (files) => {
  const root = await mkdtemp(join(tmpdir(), 'wh-http-'))
  for (const [p, d] of Object.entries(files)) {
    await mkdir(dirname(join(root, p)), { recursive: true })
    await writeFile(join(root, p), Buffer.from(d, 'latin1'))
  }
  const srv = await staticServer(root)
  return { repo: httpRepository(), base: srv.url, close: srv.close }
})

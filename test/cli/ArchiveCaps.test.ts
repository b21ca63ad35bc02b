// Helm 4 caps each file of a chart (5 MiB) and the whole chart (100 MiB) when it unpacks an archive or reads a
// folder (issue 10, item 7): each cap has its own one-line error.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Buffer } from 'node:buffer'
import * as zlib from 'node:zlib'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { helm } from '../helpers'
import { rawEntry } from '../domain/chart/archive/RawTar'
import { tempDir } from '../adapters/http-repo/fixtures'

const MB50 = 50 * 1000 * 1000

/** A chart archive whose Chart.yaml is `size` bytes (a long description), gzip-compressed to almost nothing. */
const bigChartYaml = (size: number): Uint8Array => {
  const head = 'apiVersion: v2\nname: big\nversion: 1.0.0\ndescription: '
  const body = `${head}${'a'.repeat(size - head.length - 1)}\n`
  return zlib.gzipSync(Buffer.concat([rawEntry('big/Chart.yaml', '0', body), Buffer.alloc(1024)]))
}

/** An archive of `n` files of `each` bytes under templates/ (each within the per-file cap). */
const manyFiles = (n: number, each: number): Uint8Array => {
  const entries = [rawEntry('many/Chart.yaml', '0', 'apiVersion: v2\nname: many\nversion: 1.0.0\n')]
  const data = `# ${'x'.repeat(each - 3)}\n`
  for (let i = 0; i < n; i++) entries.push(rawEntry(`many/templates/f${i}.yaml`, '0', data))
  return zlib.gzipSync(Buffer.concat([...entries, Buffer.alloc(1024)]))
}

const caps = suite('archive caps')

caps('should refuse an archive with a 50 MB Chart.yaml in one line naming the file (template, show)', async () => {
  const dir = await tempDir('wh-caps-')
  await writeFile(join(dir, 'big.tgz'), bigChartYaml(MB50))
  const text = 'Error: decompressed chart file "big/Chart.yaml" is larger than the maximum file size 5242880\n'
  for (const args of [
    ['template', 'x', 'big.tgz'],
    ['show', 'chart', 'big.tgz'],
    ['install', '--dry-run', 'big.tgz'],
  ]) {
    const r = await helm(args, { cwd: dir })
    assert.equal([r.code, r.stdout, r.stderr], [1, '', text], args.join(' '))
  }
})

caps('should refuse an archive whose files together pass 100 MiB with the whole-chart message', async () => {
  const dir = await tempDir('wh-caps-')
  await writeFile(join(dir, 'many.tgz'), manyFiles(21, 5 * 1024 * 1024))
  const r = await helm(['template', 'x', 'many.tgz'], { cwd: dir })
  assert.equal([r.code, r.stderr], [1, 'Error: decompressed chart is larger than the maximum size 104857600\n'])
})

caps("should refuse a chart folder's file over 5 MiB with Helm 4's folder wording", async () => {
  const dir = await tempDir('wh-caps-')
  await mkdir(join(dir, 'big', 'templates'), { recursive: true })
  await writeFile(join(dir, 'big', 'Chart.yaml'), 'apiVersion: v2\nname: big\nversion: 1.0.0\n')
  await writeFile(join(dir, 'big', 'templates', 'cm.yaml'), `# ${'x'.repeat(6 * 1024 * 1024)}\n`)
  const r = await helm(['template', 'x', './big'], { cwd: dir })
  assert.equal([r.code, r.stderr], [1, 'Error: chart file "cm.yaml" is larger than the maximum file size 5242880\n'])
})
caps.run()

import { Buffer } from 'node:buffer'
import * as zlib from 'node:zlib'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { defaultArchiveLimits, readChartArchive, writeChartArchive } from '../../../../src/domain/chart/archive/Archive'
import { message } from '../../../../src/domain/errors'
import { readTar, writeTar } from '../../../../src/domain/chart/archive/Tar'
import { assertLeft, assertRight } from '../../../helpers'
import { rawEntry, tgz } from './RawTar'

const chartYaml = rawEntry('demo/Chart.yaml', '0', 'name: demo\nversion: 0.1.0\n')

const hostile = suite('readChartArchive: hostile archives')
const refused = (bytes: Uint8Array, pattern: RegExp) => {
  const e = assertLeft(readChartArchive(bytes, 'evil.tgz'))
  assert.is(e._tag, 'UnsafeArchive', JSON.stringify(e))
  if (e._tag === 'UnsafeArchive') assert.match(e.reason, pattern)
}
hostile('should refuse a path climbing out with ..', () => {
  refused(tgz(chartYaml, rawEntry('demo/../../etc/passwd', '0', 'x')), /parent directory/)
})
hostile('should refuse an absolute path', () => {
  refused(tgz(chartYaml, rawEntry('/etc/passwd', '0', 'x')), /absolute path/)
})
hostile('should refuse a Windows drive path', () => {
  refused(tgz(chartYaml, rawEntry('C:\\Windows\\x', '0', 'x')), /absolute path/)
})
hostile('should refuse a symlink leaving the chart', () => {
  refused(tgz(chartYaml, rawEntry('demo/templates/x.yaml', '2', '', '../../../etc/passwd')), /outside the chart/)
  refused(tgz(chartYaml, rawEntry('demo/templates/x.yaml', '2', '', '/etc/passwd')), /outside the chart/)
})
hostile('should refuse a hard link to a file outside the chart', () => {
  refused(tgz(chartYaml, rawEntry('demo/x', '1', '', 'other/secret')), /outside the chart/)
})
hostile('should refuse device files and fifos', () => {
  refused(tgz(chartYaml, rawEntry('demo/dev', '3')), /device or fifo/)
  refused(tgz(chartYaml, rawEntry('demo/blk', '4')), /device or fifo/)
  refused(tgz(chartYaml, rawEntry('demo/pipe', '6')), /device or fifo/)
})
hostile('should read a symlink inside the chart as a copy of its target', () => {
  const files = assertRight(
    readChartArchive(tgz(chartYaml, rawEntry('demo/link.yaml', '2', '', 'Chart.yaml')), 'ok.tgz'),
  )
  const link = files.find((f) => f.path === 'link.yaml')
  assert.is(Buffer.from(link?.data ?? []).toString(), 'name: demo\nversion: 0.1.0\n')
})
hostile('should cap the number of entries', () => {
  const many = Array.from({ length: 30 }, (_, i) => rawEntry(`demo/f${i}`, '0', 'x'))
  const e = assertLeft(
    readChartArchive(tgz(chartYaml, ...many), 'many.tgz', { maxBytes: 1 << 20, maxFileBytes: 1 << 20, maxFiles: 10 }),
  )
  assert.ok(e._tag === 'UnsafeArchive' && /more than 10 entries/.test(e.reason))
})
hostile('should fail fast on a compressed gigabyte of zeros', async () => {
  // A tar header announcing a 1 GiB file, then the gigabyte itself, gzip-streamed (about 1 MiB compressed).
  const header = rawEntry('demo/zeros', '0').subarray(0, 512)
  header.write(`${(2 ** 30).toString(8).padStart(11, '0')}\0`, 124)
  header.fill(32, 148, 156)
  let sum = 0
  for (const x of header) sum += x
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148)
  const gz = zlib.createGzip({ level: 9 })
  const chunks: Buffer[] = []
  gz.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise((resolve) => gz.on('end', resolve))
  gz.write(header)
  const zeros = Buffer.alloc(16 << 20)
  for (let i = 0; i < 64; i++) if (!gz.write(zeros)) await new Promise((r) => gz.once('drain', r))
  gz.end()
  await done
  const bomb = Buffer.concat(chunks)
  assert.ok(bomb.length < 2 << 20, `bomb is ${bomb.length} bytes`)
  const started = Date.now()
  const e = assertLeft(readChartArchive(bomb, 'bomb.tgz'))
  const elapsed = Date.now() - started
  assert.equal(e, { _tag: 'ChartTooLarge', path: 'bomb.tgz', limit: 100 * 1024 * 1024 })
  assert.is(message(e), 'decompressed chart is larger than the maximum size 104857600')
  assert.ok(elapsed < 5000, `took ${elapsed} ms`)
})
hostile('should refuse a file that is not gzip', () => {
  const e = assertLeft(readChartArchive(Buffer.from('plain text'), 'x.tgz'))
  assert.ok(e._tag === 'InvalidChartFile' && e.problems[0] === 'gzip: invalid header', JSON.stringify(e))
})
hostile('should refuse Chart.yaml outside a top folder, as Helm does', () => {
  const e = assertLeft(readChartArchive(tgz(rawEntry('Chart.yaml', '0', 'name: x\n')), 'flat.tgz'))
  assert.ok(e._tag === 'InvalidChartFile' && e.problems[0] === 'chart yaml not in base directory')
})
hostile.run()

const caps = suite('readChartArchive: size caps (Helm 4 LoadArchiveFiles)')
const limits = { maxBytes: 3000, maxFileBytes: 1000, maxFiles: 100 }
const file = (name: string, size: number) => rawEntry(name, '0', 'x'.repeat(size))
caps('should refuse one file over the per-file cap, naming the entry as Helm 4 does', () => {
  const e = assertLeft(readChartArchive(tgz(chartYaml, file('demo/templates/big.yaml', 1001)), 'c.tgz', limits))
  assert.equal(e, {
    _tag: 'ChartFileTooLarge',
    path: 'c.tgz',
    file: 'demo/templates/big.yaml',
    limit: 1000,
    archived: true,
  })
  assert.is(message(e), 'decompressed chart file "demo/templates/big.yaml" is larger than the maximum file size 1000')
})
caps('should accept a file of exactly the per-file cap', () => {
  assertRight(readChartArchive(tgz(chartYaml, file('demo/a', 1000)), 'c.tgz', limits))
})
caps('should refuse files that are each small but together over the total cap', () => {
  const e = assertLeft(
    readChartArchive(
      tgz(chartYaml, file('demo/a', 900), file('demo/b', 900), file('demo/c', 900), file('demo/d', 900)),
      'c.tgz',
      limits,
    ),
  )
  assert.equal(e, { _tag: 'ChartTooLarge', path: 'c.tgz', limit: 3000 })
  assert.is(message(e), 'decompressed chart is larger than the maximum size 3000')
})
caps('should refuse a chart that reaches the total cap exactly, as Helm 4 does', () => {
  const exact = 3000 - Buffer.byteLength('name: demo\nversion: 0.1.0\n')
  const e = assertLeft(
    readChartArchive(
      tgz(chartYaml, file('demo/a', 1000), file('demo/b', 1000), file('demo/c', exact - 2000)),
      'c.tgz',
      limits,
    ),
  )
  assert.is(e._tag, 'ChartTooLarge')
  assertRight(
    readChartArchive(
      tgz(chartYaml, file('demo/a', 1000), file('demo/b', 1000), file('demo/c', exact - 2001)),
      'c.tgz',
      limits,
    ),
  )
})
caps('should cap each file at 5 MiB and the chart at 100 MiB by default', () => {
  assert.equal(defaultArchiveLimits, { maxBytes: 100 * 1024 * 1024, maxFileBytes: 5 * 1024 * 1024, maxFiles: 20_000 })
  const e = assertLeft(readChartArchive(tgz(chartYaml, file('demo/Chart.yaml.big', 5 * 1024 * 1024 + 1)), 'c.tgz'))
  assert.is(e._tag, 'ChartFileTooLarge')
})
caps.run()

const write = suite('writeChartArchive')
const files = [
  { path: 'values.yaml', data: Buffer.from('a: 1\n') },
  { path: 'Chart.yaml', data: Buffer.from('name: demo\nversion: 0.1.0\n') },
  { path: `templates/${'deep/'.repeat(30)}cm.yaml`, data: Buffer.from('kind: ConfigMap\n') },
]
write('should give byte-identical archives for the same files in any order', () => {
  const a = writeChartArchive('demo', files)
  const b = writeChartArchive('demo', [...files].reverse())
  assert.ok(Buffer.from(a).equals(Buffer.from(b)))
})
write('should write sorted entries under one top folder, with long names intact', () => {
  const names: string[] = []
  readTar(zlib.gunzipSync(writeChartArchive('demo', files)), (n) => names.push(n))
  assert.equal(names, ['demo/Chart.yaml', `demo/templates/${'deep/'.repeat(30)}cm.yaml`, 'demo/values.yaml'])
})
write('should write Helm gzip header (comment "Helm") and read back the same files', () => {
  const bytes = Buffer.from(writeChartArchive('demo', files))
  assert.ok(bytes.includes(Buffer.from('Helm\0')))
  const back = assertRight(readChartArchive(bytes, 'demo.tgz'))
  assert.equal(
    back.map((f) => [f.path, Buffer.from(f.data).toString()]).sort(),
    files.map((f) => [f.path, f.data.toString()]).sort(),
  )
})
write('should use a PAX record for a name ustar cannot split', () => {
  const long = `demo/${'x'.repeat(150)}.yaml`
  const names: string[] = []
  readTar(writeTar([{ path: long, data: Buffer.from('1') }], 0), (n) => names.push(n))
  assert.equal(names, [long])
})
write.run()

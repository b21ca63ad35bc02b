// Shared fixtures of the repository tests: temp folders, tiny charts, a static file server, the real Helm.
import { spawn } from 'node:child_process'
import { createReadStream } from 'node:fs'
import { mkdtemp, stat } from 'node:fs/promises'
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/Either'
import { packageChart } from '../../../src/LocalCharts'
import { writeChartDir } from '../../support/charts'
import { referenceHelmPath } from '../../support/referenceHelm'

export const tempDir = (prefix = 'wh-repo-'): Promise<string> => mkdtemp(join(tmpdir(), prefix))

/** Writes a minimal chart folder (Chart.yaml, values.yaml, one ConfigMap template). */
export const writeChart = async (
  parent: string,
  name: string,
  version: string,
  extra: { readonly description?: string; readonly chartYaml?: string; readonly requirements?: string } = {},
): Promise<string> =>
  writeChartDir(
    {
      'Chart.yaml': `apiVersion: v1\nname: ${name}\nversion: ${version}\nappVersion: "1.0"\ndescription: ${extra.description ?? `The ${name} chart`}\n${extra.chartYaml ?? ''}`,
      'values.yaml': 'greeting: hello\n',
      'templates/cm.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-{{ .Chart.Name }}\ndata:\n  greeting: {{ .Values.greeting | quote }}\n',
      ...(extra.requirements ? { 'requirements.yaml': extra.requirements } : {}),
    },
    { parent, name },
  )

/** Packages a chart folder into `dest` with our packager; returns the archive path. */
export const pack = async (dir: string, dest: string): Promise<string> => {
  const r = await packageChart(dir, { destination: dest })()
  if (E.isLeft(r)) throw new Error(`package failed: ${JSON.stringify(r.left)}`)
  return r.right
}

/** Serves a folder's files over loopback HTTP; `override` can answer some paths itself. */
export const staticServer = async (
  root: string,
  override: (path: string) => { status: number; body: string | Buffer } | undefined = () => undefined,
): Promise<{ url: string; close: () => Promise<void> }> => {
  const server = http.createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    const o = override(path)
    if (o) {
      res.writeHead(o.status).end(o.body)
      return
    }
    const file = join(root, decodeURIComponent(path))
    const st = await stat(file).catch(() => undefined)
    if (!st?.isFile()) {
      res.writeHead(404, 'Not Found').end('404 page not found\n')
      return
    }
    res.writeHead(200, { 'Content-Length': st.size })
    createReadStream(file).pipe(res)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) }
}

/** Runs a program and captures its output. */
export const run = (
  cmd: string,
  args: ReadonlyArray<string>,
  opts: { cwd?: string; env?: Record<string, string> } = {},
): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c) => (stdout += c))
    child.stderr.on('data', (c) => (stderr += c))
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }))
  })

/** The real Helm binary (the judge) with an isolated config/cache/data home under `dir`; throws when there is none. */
export const realHelm = async (dir: string) => {
  const bin = await referenceHelmPath()
  const env = {
    HELM_CONFIG_HOME: join(dir, 'config'),
    HELM_CACHE_HOME: join(dir, 'cache'),
    HELM_DATA_HOME: join(dir, 'data'),
  }
  return (args: ReadonlyArray<string>, cwd = dir) => run(bin, args, { cwd, env })
}

// Plugins against a cluster and Tiller: a downloader plugin serving a custom URL scheme to repo add, repo update,
// fetch, install, upgrade and dependency update and build; a useTunnel plugin reaching Tiller through TILLER_HOST (the
// sandbox's pods/portforward tunnel to a real tiller process); no tunnel when --host names Tiller.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { stringify } from 'yaml'
import { POD_FORWARD } from '../../src/sandbox/PortForward'
import { helmProc, kubectl, scratch, startKubeSandbox, startTiller } from '../support/processes'

const e2e = suite('e2e: plugins with Tiller (downloaders, useTunnel)')
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
delete process.env.HELM_HOST

const writeFile = (path: string, text: string, mode = 0o644) => {
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, text)
  chmodSync(path, mode)
}

e2e(
  'should serve a custom scheme through a downloader plugin and reach Tiller through a useTunnel plugin',
  async () => {
    const dir = scratch('plugins-tiller')
    const kc = join(dir, 'kubeconfig')
    const home = join(dir, 'home')
    const sandbox = await startKubeSandbox(kc)
    const tiller = await startTiller(kc, dir).catch(async (err) => {
      await sandbox.stop()
      throw err
    })
    const env = { HOME: dir, KUBECONFIG: kc, HELM_HOME: home }
    const helm = async (...args: string[]) => {
      const r = await helmProc(args, { cwd: dir, env })
      assert.is(r.code, 0, `helm ${args.join(' ')}: ${r.stderr}`)
      return r
    }
    try {
      // the Tiller pod, reachable only through the sandbox's port-forward
      const podFile = join(dir, 'tiller.yaml')
      writeFileSync(
        podFile,
        stringify({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            name: 'tiller-deploy-p',
            namespace: 'kube-system',
            labels: { app: 'helm', name: 'tiller' },
            annotations: { [`${POD_FORWARD}44134`]: tiller.address },
          },
          spec: {
            containers: [{ name: 'tiller', image: 'ghcr.io/helm/tiller:v2.17.0', ports: [{ containerPort: 44134 }] }],
          },
        }),
      )
      assert.is((await kubectl(kc, ['create', '-f', podFile])).code, 0)
      for (let i = 0; i < 100; i++) {
        const r = await kubectl(kc, [
          'get',
          'pod',
          'tiller-deploy-p',
          '-n',
          'kube-system',
          '-o',
          'jsonpath={.status.phase}',
        ])
        if (r.stdout === 'Running') break
        await sleep(100)
      }

      // a bucket of charts behind the made-up scheme "vault://", served only by the plugin
      const bucket = join(dir, 'bucket')
      mkdirSync(bucket)
      for (const v of ['0.1.0', '0.2.0']) {
        const c = join(dir, 'src', v, 'app')
        writeFile(join(c, 'Chart.yaml'), `apiVersion: v1\nname: app\nversion: ${v}\n`)
        writeFile(join(c, 'values.yaml'), 'greeting: hi\n')
        writeFile(
          join(c, 'templates', 'cm.yaml'),
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  v: {{ .Chart.Version | quote }}\n',
        )
        await helm('package', c, '-d', bucket)
      }
      await helm('repo', 'index', bucket)
      const plugin = join(dir, 'src', 'vault-getter')
      writeFile(
        join(plugin, 'plugin.yaml'),
        [
          'name: vault-getter',
          'version: 0.1.0',
          'description: charts from vault:// buckets',
          'downloaders:',
          '- command: "bin/get.sh"',
          '  protocols:',
          '  - "vault"',
          '',
        ].join('\n'),
      )
      writeFile(
        join(plugin, 'bin', 'get.sh'),
        [
          '#!/bin/sh',
          '# certFile keyFile caFile URL, as Helm v2 calls a downloader',
          `echo "$HELM_PLUGIN_NAME $1|$2|$3|$4" >> "${join(dir, 'calls.log')}"`,
          `file="${bucket}/\${4#vault://bucket/}"`,
          'if [ ! -f "$file" ]; then echo "vault: no object at $4" >&2; exit 1; fi',
          'cat "$file"',
          '',
        ].join('\n'),
        0o755,
      )
      await helm('plugin', 'install', plugin)
      const certs = join(dir, 'certs')
      assert.is(
        (
          await helm(
            'repo',
            'add',
            'vault',
            'vault://bucket',
            '--cert-file',
            `${certs}/c.pem`,
            '--key-file',
            `${certs}/k.pem`,
          )
        ).stdout,
        '"vault" has been added to your repositories\n',
      )
      assert.match(
        (await helm('repo', 'update')).stdout,
        /Successfully got an update from the "vault" chart repository/,
      )
      assert.match((await helm('search', 'vault/')).stdout, /vault\/app\s*\t0\.2\.0/)
      await helm('fetch', 'vault/app', '--version', '0.1.0', '-d', join(dir, 'fetched'))
      assert.ok(existsSync(join(dir, 'fetched', 'app-0.1.0.tgz')))
      const calls = readFileSync(join(dir, 'calls.log'), 'utf8')
      assert.ok(
        calls.includes(`vault-getter ${certs}/c.pem|${certs}/k.pem||vault://bucket/app-0.1.0.tgz\n`),
        `downloader calls:\n${calls}`,
      )
      const missing = await helmProc(['fetch', 'vault/app', '--version', '9.9.9'], { cwd: dir, env })
      assert.is(missing.code, 1)

      // install and upgrade of vault/app through the tunnel (no --host)
      assert.match(
        (await helm('install', 'vault/app', '--version', '0.1.0', '--name', 'dl')).stdout,
        /STATUS: DEPLOYED/,
      )
      await helm('upgrade', 'dl', 'vault/app', '--version', '0.2.0')
      const cm = await kubectl(kc, ['get', 'configmap', 'dl-cm', '-n', 'default', '-o', 'jsonpath={.data.v}'])
      assert.is(cm.stdout, '0.2.0')

      // dependency update and build from the vault repository, by URL and by @name
      const parent = join(dir, 'parent')
      writeFile(join(parent, 'Chart.yaml'), 'apiVersion: v1\nname: parent\nversion: 1.0.0\n')
      writeFile(
        join(parent, 'requirements.yaml'),
        'dependencies:\n- name: app\n  version: 0.1.0\n  repository: vault://bucket\n- name: app\n  alias: other\n  version: ~0.2\n  repository: "@vault"\n',
      )
      assert.match((await helm('dependency', 'update', parent)).stdout, /Saving 2 charts/)
      assert.ok(existsSync(join(parent, 'charts', 'app-0.1.0.tgz')))
      assert.ok(existsSync(join(parent, 'charts', 'app-0.2.0.tgz')))
      rmSync(join(parent, 'charts'), { recursive: true })
      assert.match((await helm('dependency', 'build', parent)).stdout, /Downloading app from repo vault:\/\/bucket/)
      assert.ok(existsSync(join(parent, 'charts', 'app-0.1.0.tgz')))
      assert.ok(existsSync(join(parent, 'charts', 'app-0.2.0.tgz')))

      // a useTunnel plugin: TILLER_HOST is the tunnel's local address, and helm reaches Tiller through it
      const tunnelPlugin = join(dir, 'src', 'tunneled')
      writeFile(
        join(tunnelPlugin, 'plugin.yaml'),
        'name: tunneled\nversion: 0.1.0\nuseTunnel: true\ncommand: "$HELM_PLUGIN_DIR/run.sh"\n',
      )
      writeFile(
        join(tunnelPlugin, 'run.sh'),
        '#!/bin/sh\nset -e\necho "TILLER_HOST=$TILLER_HOST"\n"$HELM_BIN" list --host "$TILLER_HOST" --short\n',
        0o755,
      )
      await helm('plugin', 'install', tunnelPlugin)
      const tunneled = (await helm('tunneled')).stdout
      const host = /^TILLER_HOST=(127\.0\.0\.1:\d+)\n/.exec(tunneled)?.[1]
      assert.ok(host, tunneled)
      assert.is.not(host, tiller.address, 'a tunnel, not Tiller itself')
      assert.is(tunneled, `TILLER_HOST=${host}\ndl\n`)
      // --host names Tiller: no tunnel, the address as given
      assert.is((await helm('tunneled', '--host', tiller.address)).stdout, `TILLER_HOST=${tiller.address}\ndl\n`)
    } finally {
      await tiller.stop()
      await sandbox.stop()
    }
  },
)

e2e.run()

import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { helm } from '../../helpers'
import { writeChartDir } from '../../support/charts'

/** A folder holding `app` (declaring sub and other) and the chart `sub`; `app/charts/` holds `present`. */
const fixture = (apiVersion: 'v1' | 'v2', present: ReadonlyArray<string> = []): { dir: string; app: string } => {
  const dir = mkdtempSync(join(tmpdir(), 'wh-missing-deps-'))
  const deps =
    'dependencies:\n- name: sub\n  version: 0.1.0\n  repository: file://../sub\n- name: other\n  version: 0.1.0\n  repository: file://../other\n'
  const app = writeChartDir(
    {
      'Chart.yaml': `apiVersion: ${apiVersion}\nname: app\nversion: 0.1.0\n${apiVersion === 'v2' ? deps : ''}`,
      ...(apiVersion === 'v1' ? { 'requirements.yaml': deps } : {}),
      'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n',
      ...Object.fromEntries(
        present.map((name) => [`charts/${name}/Chart.yaml`, `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`]),
      ),
    },
    { parent: dir },
  )
  writeChartDir(
    {
      'Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
      'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-sub\n',
    },
    { parent: dir },
  )
  return { dir, app }
}

// Helm 4.1.4's text (`helm template` and, after "INSTALLATION FAILED: ", `helm install`), exit code 1
const missingText = (names: string) =>
  'Error: an error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch ' +
  `missing dependencies: found in Chart.yaml, but missing in charts/ directory: ${names}\n`

const template = suite('helm template: dependencies missing from charts/')
template(
  'should fail as Helm does for requirements.yaml and Chart.yaml v2 dependencies, naming each missing one',
  async () => {
    for (const v of ['v1', 'v2'] as const) {
      const r = await helm(['template', fixture(v).app])
      assert.equal(r, { code: 1, stdout: '', stderr: missingText('sub, other') }, v)
    }
  },
)
template('should name only the ones not in charts/ and render once all are there', async () => {
  const some = await helm(['template', fixture('v2', ['other']).app])
  assert.equal([some.code, some.stderr], [1, missingText('sub')])
  const all = await helm(['template', 'rel', fixture('v1', ['sub', 'other']).app])
  assert.is(all.code, 0, all.stderr)
  assert.ok(all.stdout.includes('# Source: app/templates/cm.yaml\n'))
})
template(
  'should run dependency update first with --dependency-update, printing its lines before the manifests as Helm 4 does',
  async () => {
    const { dir, app } = fixture('v1')
    writeFileSync(
      join(app, 'requirements.yaml'),
      'dependencies:\n- name: sub\n  version: 0.1.0\n  repository: file://../sub\n',
    )
    const r = await helm(['template', 'rel', app, '--dependency-update', '--home', join(dir, 'home')])
    assert.is(r.stderr, '')
    assert.is(
      r.stdout,
      [
        'Saving 1 charts',
        'Deleting outdated charts',
        '---',
        '# Source: app/charts/sub/templates/cm.yaml',
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: rel-sub',
        '---',
        '# Source: app/templates/cm.yaml',
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: rel',
        '',
      ].join('\n'),
    )
    assert.ok(existsSync(join(app, 'charts', 'sub-0.1.0.tgz')))
  },
)
template.run()

const release = suite('helm install/upgrade: dependencies missing from charts/')
release('should refuse to install or upgrade before reaching Tiller', async () => {
  const { app } = fixture('v1')
  assert.equal(await helm(['install', app, '--dry-run']), { code: 1, stdout: '', stderr: missingText('sub, other') })
  // Helm v2's upgrade --install announces the install, whose chart check then fails
  assert.equal(await helm(['upgrade', '--install', 'rel', app, '--dry-run']), {
    code: 1,
    stdout: 'Release "rel" does not exist. Installing it now.\n',
    stderr: missingText('sub, other'),
  })
  assert.equal((await helm(['upgrade', 'rel', app, '--dry-run'])).stderr, missingText('sub, other'))
})
release.run()

const depUp = suite('helm install --dep-up')
depUp(
  'should run dependency update on the chart folder (file:// dependency), reload it and install with the subchart',
  async () => {
    const { dir } = fixture('v1')
    const app = join(dir, 'app')
    writeFileSync(
      join(app, 'requirements.yaml'),
      'dependencies:\n- name: sub\n  version: 0.1.0\n  repository: file://../sub\n',
    )
    const home = join(dir, 'home')
    const r = await helm(['install', app, '--dry-run', '--dep-up', '--name', 'rel', '--debug', '--home', home])
    assert.is(r.stderr, '')
    assert.is(r.code, 0)
    assert.ok(
      r.stdout.includes(`[debug] CHART PATH: ${app}\n\nSaving 1 charts\nDeleting outdated charts\nNAME:   rel\n`),
      r.stdout,
    )
    assert.ok(r.stdout.includes('# Source: app/charts/sub/templates/cm.yaml\n'), r.stdout)
    assert.ok(existsSync(join(app, 'charts', 'sub-0.1.0.tgz')))
    assert.ok(existsSync(join(app, 'requirements.lock')))
  },
)
depUp('should fail with the dependency error when the update cannot resolve a dependency', async () => {
  const { app, dir } = fixture('v1')
  const r = await helm(['install', app, '--dry-run', '--dep-up', '--home', join(dir, 'home')])
  assert.is(r.code, 1)
  assert.match(r.stderr, /^Error: .*other/)
  assert.not.ok(existsSync(join(app, 'charts', 'sub-0.1.0.tgz')))
})
depUp.run()

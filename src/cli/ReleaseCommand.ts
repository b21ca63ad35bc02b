import * as E from 'fp-ts/Either'
import type { ReleaseAnswer } from '../app/client/InstallChart'
import type { HelmError } from '../domain/errors'
import type { ReleaseResponse } from '../domain/release/ReleaseService'
import type { ValueOptions } from '../domain/values/ValueOptions'
import type { TillerApi } from '../ports/TillerApi'
import { Flag } from './front/Flag'
import { TillerCommand } from './TillerCommand'

/**
 * What install and upgrade share (not a command itself): the value, chart-locating and release flags, the Tiller to
 * talk to (in-process on memory adapters for a dry run without --host) and Helm v2's printing of a release. What
 * they do is the app/client InstallChart and UpgradeChart use cases.
 */
export abstract class ReleaseCommand extends TillerCommand {
  // Helm v2 install's flags; upgrade overrides the ones it words differently
  namespace = Flag.string(
    '--namespace',
    'Namespace to install the release into. Defaults to the current kube config namespace.',
  )
  valueFiles = Flag.valueFiles('-f,--values', 'Specify values in a YAML file or a URL(can specify multiple)')
  set = Flag.stringArray(
    '--set',
    'Set values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)',
  )
  setString = Flag.stringArray(
    '--set-string',
    'Set STRING values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)',
  )
  setFile = Flag.stringArray(
    '--set-file',
    'Set values from respective files specified via the command line (can specify multiple or separate values with commas: key1=path1,key2=path2)',
  )
  // beyond v2 (Helm 3/4)
  setJson = Flag.stringArray('--set-json', 'Set JSON values on the command line', { hidden: true })
  setLiteral = Flag.stringArray('--set-literal', 'Set a literal STRING value on the command line', { hidden: true })
  version = Flag.string(
    '--version',
    'Specify the exact chart version to install. If this is not specified, the latest version is installed',
  )
  devel = Flag.bool(
    '--devel',
    "Use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, this is ignored.",
  )
  repo = Flag.string('--repo', 'Chart repository url where to locate the requested chart')
  verify = Flag.bool('--verify', 'Verify the package before installing it')
  keyring = Flag.string('--keyring', 'Location of public keys used for verification', {
    shownDefault: (env) => `${env.HOME ?? ''}/.gnupg/pubring.gpg`,
  })
  username = Flag.string('--username', 'Chart repository username where to locate the requested chart')
  password = Flag.string('--password', 'Chart repository password where to locate the requested chart')
  // beyond v2: Helm 4's flags for `oci://` registries
  insecureSkipTlsVerify = Flag.bool(
    '--insecure-skip-tls-verify',
    'skip tls certificate checks for the chart download',
    {
      hidden: true,
    },
  )
  plainHttp = Flag.bool('--plain-http', 'use insecure HTTP connections for the chart download', { hidden: true })
  caFile = Flag.string('--ca-file', 'Verify certificates of HTTPS-enabled servers using this CA bundle')
  certFile = Flag.string('--cert-file', 'Identify HTTPS client using this SSL certificate file')
  keyFile = Flag.string('--key-file', 'Identify HTTPS client using this SSL key file')
  dryRun = Flag.bool('--dry-run', 'Simulate an install')
  noHooks = Flag.bool('--no-hooks', 'Prevent hooks from running during install')
  wait = Flag.bool(
    '--wait',
    'If set, will wait until all Pods, PVCs, Services, and minimum number of Pods of a Deployment are in a ready state before marking the release as successful. It will wait for as long as --timeout',
  )
  timeout = Flag.seconds(
    '--timeout',
    300,
    'Time in seconds to wait for any individual Kubernetes operation (like Jobs for hooks)',
  )
  atomic = Flag.bool('--atomic', 'If set, installation process purges chart on fail, also sets --wait flag')
  description = Flag.string('--description', 'Specify a description for the release')
  subNotes = Flag.bool('--render-subchart-notes', 'Render subchart notes along with the parent')
  output = Flag.stringDefault(
    '-o,--output',
    'table',
    'Prints the output in the specified format. Allowed values: table, json, yaml',
  )

  /**
   * The Tiller to talk to: the one at `--host`/$HELM_HOST over gRPC; else, for a dry run, an in-process Tiller on
   * memory adapters (no server, no cluster); else the Tiller pod through Helm v2's tunnel, or a Tiller listening on
   * 127.0.0.1:44134 (see src/cli/wiring.ts). Connected before anything else, as Helm v2 sets up its connection first;
   * TillerCommand closes it when the command ends.
   */
  async tiller(): Promise<E.Either<HelmError, TillerApi>> {
    if (this.tillerHost() || !this.dryRun) return this.connect()
    const { createTiller } = await import('../tiller/embed')
    return E.right(createTiller())
  }

  /** The value flags as the use cases take them. */
  async valueOptions(): Promise<ValueOptions> {
    return (await import('./values/ReadValues')).valueOptions(this)
  }

  /** `-o/--output` is table, json or yaml (v2's `write` refuses others; we say so before anything runs). */
  outputRefused(): string | undefined {
    return ['table', 'json', 'yaml'].includes(this.output) ? undefined : `unsupported format ${this.output}`
  }

  /**
   * Prints what Tiller answered as Helm v2 does: for table output the release (NAME, --debug's block) and `after`
   * (upgrade's "has been upgraded" line); then, after a real run, the status (`PrintStatus`, or -o json|yaml).
   */
  async printAnswer(a: ReleaseAnswer, nameLine = true, after = ''): Promise<number> {
    if (this.output === 'table') {
      await this.printRelease(a.response, nameLine)
      this.context.stdout.write(after)
    }
    if (a.status) {
      const { statusOutput } = await import('./output/StatusOutput')
      this.context.stdout.write(statusOutput(a.status, this.output as 'table' | 'json' | 'yaml'))
    }
    return 0
  }

  /** Helm v2 `printRelease` (the --debug block), then our plan for dry runs. */
  async printRelease(res: ReleaseResponse, nameLine = true): Promise<void> {
    const out = this.context.stdout
    for (const w of res.warnings ?? []) this.context.stderr.write(`WARNING: ${w}\n`)
    const rel = res.release
    if (nameLine) out.write(`NAME:   ${rel.name}\n`)
    if (!this.debug) return
    out.write((await import('./ReleaseText')).releaseText(rel))
    if (res.plan) {
      const { formatPlan } = await import('../domain/release/ChangeSet')
      out.write(`\nPLAN:\n${formatPlan(res.plan.changes)}`)
    }
  }
}

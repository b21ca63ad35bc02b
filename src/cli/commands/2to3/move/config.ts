import { Flag } from '../../../front/Flag'
import { usage } from '../../../HelmCommand'
import { TwoToThreeCommand } from '../../../MigrationCommand'

/** Helm 3's folders (helmpath): the plugin's $HELM_V3_* first, then Helm's own variables and XDG defaults. */
const v3Folders = (env: Readonly<Record<string, string | undefined>>) => {
  const home = env.HOME ?? '.'
  const pick = (v3: string, helm: string, xdg: string, fallback: string) =>
    env[v3] || env[helm] || (env[xdg] ? `${env[xdg]}/helm` : `${home}/${fallback}/helm`)
  return {
    config: pick('HELM_V3_CONFIG', 'HELM_CONFIG_HOME', 'XDG_CONFIG_HOME', '.config'),
    data: pick('HELM_V3_DATA', 'HELM_DATA_HOME', 'XDG_DATA_HOME', '.local/share'),
    cache: pick('HELM_V3_CACHE', 'HELM_CACHE_HOME', 'XDG_CACHE_HOME', '.cache'),
  }
}

export default class MoveConfigCommand extends TwoToThreeCommand {
  static override paths = [['2to3', 'move', 'config']]
  static override usage = usage({
    use: 'config',
    short: 'migrate Helm v2 configuration in-place to Helm v3',
    long: `
Copies Helm v2's configuration into Helm 3/4's folders, as the helm-2to3 plugin's 'move config' does:
repositories.yaml into the config folder, the starters and plugins into the data folder. The Helm v2
home is $HELM_V2_HOME, else $HELM_HOME; Helm 3's folders are $HELM_V3_CONFIG, $HELM_V3_DATA and
$HELM_V3_CACHE, else Helm's own ($HELM_CONFIG_HOME, $XDG_CONFIG_HOME/helm, ~/.config/helm, ...).
Helm v3's repositories.yaml is overwritten. It asks first unless --skip-confirmation.
`,
  })
  static override checkArgs = (args: ReadonlyArray<string>) =>
    args.length !== 0 ? 'config argument has to be specified' : undefined
  skipConfirmation = Flag.bool('--skip-confirmation', 'if set, skips confirmation message before performing move')

  async execute(): Promise<number> {
    const { moveConfig } = await import('../../../../app/client/MoveConfig')
    const { clientDeps } = await import('../../../ClientWiring')
    const path = await import('node:path')
    const env = this.context.env
    const abs = (p: string) => path.resolve(this.context.cwd, p)
    const v3 = v3Folders(env)
    const program = moveConfig({
      dryRun: this.dryRun,
      skipConfirmation: this.skipConfirmation,
      v2Home: abs(env.HELM_V2_HOME || this.helmHome()),
      v3: { config: abs(v3.config), data: abs(v3.data), cache: abs(v3.cache) },
    })
    return this.finish(await program({ files: clientDeps(this).files, out: this.say, confirm: this.confirm })())
  }
}

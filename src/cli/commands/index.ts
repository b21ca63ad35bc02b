import type { CommandNode, HelmCommandClass } from '../front/Tree'

export type { HelmCommandClass }

/**
 * Helm's command tree as Helm v2's cobra tree has it: names, aliases, groups, and how to load each command.
 * Commands load lazily, so a run parses and evaluates only the command it needs and that command's imports
 * (the bundle is split per command); help loads the commands it lists. `test/cli/commands/index.test.ts`
 * checks that each class's `paths` agree with its place here. Add a node here for a new command. A command
 * file must still not import heavy modules (@kubernetes/client-node, @grpc/grpc-js, openpgp) at top level:
 * `await import(...)` them in `execute`.
 *
 * Beyond v2, Helm 3/4's names run too (`uninstall`, `pull`, `show`, `search repo`, `repo ls`, and OCI's `push`,
 * `registry login|logout`): hidden, so help
 * reads as v2's; `hiddenAliases` parse but are not listed.
 */
const node = (
  name: string,
  load: NonNullable<CommandNode['load']>,
  more: Omit<CommandNode, 'name' | 'load'> = {},
): CommandNode => ({ name, load, ...more })

export const rootNode: CommandNode = {
  name: 'helm',
  text: {
    use: 'helm',
    short: 'The Helm package manager for Kubernetes.',
    long: `The Kubernetes package manager

To begin working with Helm, run the 'helm init' command:

	$ helm init

This will install Tiller to your running Kubernetes cluster.
It will also set up any necessary local configuration.

Common actions from this point include:

- helm search:    Search for charts
- helm fetch:     Download a chart to your local directory to view
- helm install:   Upload the chart to Kubernetes
- helm list:      List releases of charts

Environment:

- $HELM_HOME:           Set an alternative location for Helm files. By default, these are stored in ~/.helm
- $HELM_HOST:           Set an alternative Tiller host. The format is host:port
- $HELM_NO_PLUGINS:     Disable plugins. Set HELM_NO_PLUGINS=1 to disable plugins.
- $TILLER_NAMESPACE:    Set an alternative Tiller namespace (default "kube-system")
- $KUBECONFIG:          Set an alternative Kubernetes configuration file (default "~/.kube/config")
- $HELM_TLS_CA_CERT:    Path to TLS CA certificate used to verify the Helm client and Tiller server certificates (default "$HELM_HOME/ca.pem")
- $HELM_TLS_CERT:       Path to TLS client certificate file for authenticating to Tiller (default "$HELM_HOME/cert.pem")
- $HELM_TLS_KEY:        Path to TLS client key file for authenticating to Tiller (default "$HELM_HOME/key.pem")
- $HELM_TLS_ENABLE:     Enable TLS connection between Helm and Tiller (default "false")
- $HELM_TLS_VERIFY:     Enable TLS connection between Helm and Tiller and verify Tiller server certificate (default "false")
- $HELM_TLS_HOSTNAME:   The hostname or IP address used to verify the Tiller server certificate (default "127.0.0.1")
- $HELM_KEY_PASSPHRASE: Set HELM_KEY_PASSPHRASE to the passphrase of your PGP private key. If set, you will not be prompted for the passphrase while signing helm charts

`,
  },
  children: [
    {
      // beyond v2 (hidden, as Helm 3/4's names are): the helm-2to3 plugin's commands, built in, and adopt
      name: '2to3',
      hidden: true,
      text: {
        use: '2to3',
        short: 'Migrate and Cleanup Helm v2 configuration and releases in-place to Helm v3',
        long: `Migrate and Cleanup Helm v2 configuration and releases in-place to Helm v3, and adopt Helm 3/4 releases
into Tiller's storage: the helm-2to3 plugin's commands, built in.`,
      },
      children: [
        node('adopt', () => import('./2to3/adopt')),
        node('cleanup', () => import('./2to3/cleanup')),
        node('convert', () => import('./2to3/convert')),
        {
          name: 'move',
          text: { use: 'move config', short: 'migrate Helm v2 configuration in-place to Helm v3' },
          children: [node('config', () => import('./2to3/move/config'))],
        },
      ],
    },
    node('completion', () => import('./completion')),
    node('create', () => import('./create')),
    node('delete', () => import('./delete'), { aliases: ['del'], suggestFor: ['remove', 'rm'] }),
    {
      name: 'dependency',
      aliases: ['dep', 'dependencies'],
      text: {
        use: 'dependency update|build|list',
        short: "Manage a chart's dependencies",
        long: `
Manage the dependencies of a chart.

Helm charts store their dependencies in 'charts/'. For chart developers, it is
often easier to manage a single dependency file ('requirements.yaml')
which declares all dependencies.

The dependency commands operate on that file, making it easy to synchronize
between the desired dependencies and the actual dependencies stored in the
'charts/' directory.

A 'requirements.yaml' file is a YAML file in which developers can declare chart
dependencies, along with the location of the chart and the desired version.
For example, this requirements file declares two dependencies:

    # requirements.yaml
    dependencies:
    - name: nginx
      version: "1.2.3"
      repository: "https://example.com/charts"
    - name: memcached
      version: "3.2.1"
      repository: "https://another.example.com/charts"

The 'name' should be the name of a chart, where that name must match the name
in that chart's 'Chart.yaml' file.

The 'version' field should contain a semantic version or version range.

The 'repository' URL should point to a Chart Repository. Helm expects that by
appending '/index.yaml' to the URL, it should be able to retrieve the chart
repository's index. Note: 'repository' can be an alias. The alias must start
with 'alias:' or '@'.

Starting from 2.2.0, repository can be defined as the path to the directory of
the dependency charts stored locally. The path should start with a prefix of
"file://". For example,

    # requirements.yaml
    dependencies:
    - name: nginx
      version: "1.2.3"
      repository: "file://../dependency_chart/nginx"

If the dependency chart is retrieved locally, it is not required to have the
repository added to helm by "helm repo add". Version matching is also supported
for this case.
`,
      },
      children: [
        node('build', () => import('./dependency/build')),
        node('list', () => import('./dependency/list'), { aliases: ['ls'] }),
        node('update', () => import('./dependency/update'), { aliases: ['up'] }),
      ],
    },
    node('fetch', () => import('./fetch')),
    node('get', () => import('./get'), {
      children: [
        node('hooks', () => import('./get/hooks')),
        node('manifest', () => import('./get/manifest')),
        node('notes', () => import('./get/notes')),
        node('values', () => import('./get/values')),
      ],
    }),
    node('help', () => import('./help')),
    node('history', () => import('./history'), { aliases: ['hist'] }),
    node('home', () => import('./home')),
    node('init', () => import('./init')),
    node('inspect', () => import('./inspect'), {
      children: [
        node('chart', () => import('./inspect/chart')),
        node('readme', () => import('./inspect/readme')),
        node('values', () => import('./inspect/values')),
      ],
    }),
    node('install', () => import('./install')),
    node('lint', () => import('./lint')),
    node('list', () => import('./list'), { aliases: ['ls'] }),
    node('package', () => import('./package')),
    {
      name: 'plugin',
      text: { use: 'plugin', short: 'Add, list, or remove Helm plugins', long: '\nManage client-side Helm plugins.\n' },
      children: [
        node('install', () => import('./plugin/install')),
        node('list', () => import('./plugin/list')),
        node('remove', () => import('./plugin/remove')),
        node('update', () => import('./plugin/update')),
      ],
    },
    node('pull', () => import('./fetch'), { hidden: true }),
    node('push', () => import('./push'), { hidden: true }),
    {
      name: 'registry',
      hidden: true,
      text: {
        use: 'registry',
        short: 'login to or logout from a registry',
        long: `
This command consists of multiple subcommands to interact with registries.
`,
      },
      children: [node('login', () => import('./registry/login')), node('logout', () => import('./registry/logout'))],
    },
    {
      name: 'repo',
      text: {
        use: 'repo [FLAGS] add|remove|list|index|update [ARGS]',
        short: 'Add, list, remove, update, and index chart repositories',
        long: `
This command consists of multiple subcommands to interact with chart repositories.

It can be used to add, remove, list, and index chart repositories.
Example usage:
    $ helm repo add [NAME] [REPO_URL]
`,
      },
      children: [
        node('add', () => import('./repo/add')),
        node('index', () => import('./repo/index')),
        node('list', () => import('./repo/list'), { hiddenAliases: ['ls'] }),
        node('remove', () => import('./repo/remove'), { aliases: ['rm'] }),
        node('update', () => import('./repo/update'), { aliases: ['up'] }),
      ],
    },
    node('reset', () => import('./reset')),
    node('rollback', () => import('./rollback')),
    node('search', () => import('./search'), {
      children: [node('repo', () => import('./search'), { hidden: true })],
    }),
    node('serve', () => import('./serve')),
    {
      name: 'show',
      hidden: true,
      text: { use: 'show', short: 'show information of a chart' },
      children: [
        node('all', () => import('./show/all')),
        node('chart', () => import('./show/chart')),
        node('crds', () => import('./show/crds')),
        node('readme', () => import('./show/readme')),
        node('values', () => import('./show/values')),
      ],
    },
    node('status', () => import('./status')),
    node('template', () => import('./template')),
    node('test', () => import('./test')),
    node('uninstall', () => import('./uninstall'), { hidden: true, hiddenAliases: ['un'] }),
    node('update', () => import('./repo/update'), { deprecated: "Use 'helm repo update'\n" }),
    node('upgrade', () => import('./upgrade')),
    node('verify', () => import('./verify')),
    node('version', () => import('./version')),
  ],
}

/**
 * Adds commands found at run time (plugins) under the root, as Helm v2's `loadPlugins` adds a cobra command
 * per plugin; a name that is already a command is skipped (v2 warns and keeps the built-in).
 */
export const withCommands = (root: CommandNode, extra: ReadonlyArray<CommandNode>): CommandNode => {
  const taken = new Set((root.children ?? []).flatMap((c) => [c.name, ...(c.aliases ?? [])]))
  return { ...root, children: [...(root.children ?? []), ...extra.filter((c) => !taken.has(c.name))] }
}

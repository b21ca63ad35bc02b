import * as E from 'fp-ts/Either'
import { HelmCommand, usage } from '../HelmCommand'
import { Flag } from '../front/Flag'

export default class ServeCommand extends HelmCommand {
  static override paths = [['serve']]
  static override usage = usage({
    use: 'serve',
    short: 'Start a local http web server',
    long: `
This command starts a local chart repository server that serves charts from a local directory.

The new server will provide HTTP access to a repository. By default, it will
scan all of the charts in '$HELM_HOME/repository/local' and serve those over
the local IPv4 TCP port (default '127.0.0.1:8879').

This command is intended to be used for educational and testing purposes only.
It is best to rely on a dedicated web server or a cloud-hosted solution like
Google Cloud Storage for production use.

See https://github.com/helm/helm/blob/master/docs/chart_repository.md#hosting-chart-repositories
for more information on hosting chart repositories in a production setting.
`,
  })
  address = Flag.stringDefault('--address', '127.0.0.1:8879', 'Address to listen on')
  repoPath = Flag.string('--repo-path', 'Local directory path from which to serve charts')
  url = Flag.string('--url', 'External URL of chart repository')

  async execute(): Promise<number> {
    const { resolve } = await import('node:path')
    const { cachedIndexDirectory } = await import('../../app/client/RepoIndex')
    const { serializeIndex } = await import('../../domain/repo/Index')
    const { startRepoServer } = await import('../../adapters/http-repo/RepoServer')
    const { clientDeps } = await import('../ClientWiring')
    const deps = clientDeps(this)
    const made = await deps.home.ensure()()
    if (E.isLeft(made)) return this.fail(made.left)
    const repoPath = resolve(this.context.cwd, this.repoPath ?? deps.home.layout.localRepository)
    const st = await deps.files.stat(repoPath)()
    if (E.isLeft(st) || st.right._tag === 'None' || st.right.value.kind !== 'directory')
      return this.fail({ _tag: 'FileNotFound', path: repoPath })
    this.context.stdout.write('Regenerating index. This may take a moment.\n')
    const cached = cachedIndexDirectory(repoPath)
    const buildIndex = (baseUrl: string) => cached(baseUrl)(deps)
    const server = await startRepoServer({ repoPath, address: this.address, url: this.url, buildIndex })()
    if (E.isLeft(server)) return this.fail(server.left)
    const first = await buildIndex(server.right.url)()
    const written = E.isLeft(first)
      ? first
      : await deps.files.write(repoPath, 'index.yaml', Buffer.from(serializeIndex(first.right)))()
    if (E.isLeft(written)) {
      await server.right.close()
      return this.fail(written.left)
    }
    this.context.stdout.write(`Now serving you on ${server.right.address}\n`)
    await new Promise<void>((done) => {
      const stop = (): void => {
        process.off('SIGINT', stop)
        process.off('SIGTERM', stop)
        void server.right.close().then(done)
      }
      process.on('SIGINT', stop)
      process.on('SIGTERM', stop)
    })
    return 0
  }
}

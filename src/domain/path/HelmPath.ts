import { joinPath } from './SafePath'

/** The folders and files of a $HELM_HOME (Helm v2's helmpath.Home). */
export interface HelmHomeLayout {
  readonly root: string
  readonly repository: string
  readonly repositoryFile: string
  readonly cache: string
  readonly localRepository: string
  readonly plugins: string
  readonly starters: string
  /** Where charts named by `repo/name` or URL are downloaded for install, template, show. */
  readonly archive: string
}

/** The layout of the $HELM_HOME at `root`, paths joined as Go's filepath.Join would. */
export const helmHomeLayout = (root: string): HelmHomeLayout => ({
  root,
  repository: joinPath(root, 'repository'),
  repositoryFile: joinPath(root, 'repository/repositories.yaml'),
  cache: joinPath(root, 'repository/cache'),
  localRepository: joinPath(root, 'repository/local'),
  plugins: joinPath(root, 'plugins'),
  starters: joinPath(root, 'starters'),
  archive: joinPath(root, 'cache/archive'),
})

import { defineMessages } from '../Messages'

/**
 * A path named by the outside world (an index URL, a chart or dependency name, a repository name, an
 * archive entry, a template's source path) that would put a file outside the folder meant to hold it.
 * UnsafeFileName: a name that must be one file name of `folder` is empty, `.`, `..` or holds a `/` or NUL.
 * PathOutsideFolder: a relative path resolves outside `folder` (or is absolute).
 */
export type PathError =
  | { readonly _tag: 'UnsafeFileName'; readonly what: string; readonly name: string; readonly folder: string }
  | { readonly _tag: 'PathOutsideFolder'; readonly what: string; readonly name: string; readonly folder: string }

export const unsafeFileName = (what: string, name: string, folder: string): PathError => ({
  _tag: 'UnsafeFileName',
  what,
  name,
  folder,
})
export const pathOutsideFolder = (what: string, name: string, folder: string): PathError => ({
  _tag: 'PathOutsideFolder',
  what,
  name,
  folder,
})

export const pathMessages = defineMessages<PathError>({
  UnsafeFileName: (e) => `refusing to write ${e.what} ${JSON.stringify(e.name)}: not a file name in ${e.folder}`,
  PathOutsideFolder: (e) => `refusing to write ${e.what} ${JSON.stringify(e.name)}: it resolves outside ${e.folder}`,
})

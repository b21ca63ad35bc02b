import * as E from 'fp-ts/Either'
import { type PathError, pathOutsideFolder, unsafeFileName } from './PathError'

// One helper for every path the outside world names: each writer resolves its target through `fileIn` or
// `pathIn` before it writes, so nothing lands outside the folder meant to hold it. POSIX rules (`/` only), as
// Go's filepath on Linux: a backslash is an ordinary file-name character.

/** `p` with `.`/empty segments dropped and `..` applied (a leading `..` of a relative path is kept). */
export const normalizePath = (p: string): string => {
  const absolute = p.startsWith('/')
  const out: string[] = []
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue
    if (seg === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop()
    else if (seg === '..' && absolute) continue
    else out.push(seg)
  }
  const body = out.join('/')
  return absolute ? `/${body}` : body === '' ? '.' : body
}

/** True when `name` is one file name: not empty, `.` or `..`, no `/` and no NUL. */
export const isFileName = (name: string): boolean =>
  name !== '' && name !== '.' && name !== '..' && !name.includes('/') && !name.includes('\0')

/** `folder/name` when `name` is one file name of `folder`; Left UnsafeFileName (`what` names the kind of file). */
export const fileIn = (what: string, folder: string, name: string): E.Either<PathError, string> =>
  isFileName(name) ? E.right(`${folder.replace(/\/+$/, '')}/${name}`) : E.left(unsafeFileName(what, name, folder))

/**
 * `folder/rel` normalised, when `rel` is relative and stays strictly inside `folder` (an archive entry, a
 * template's source path); Left PathOutsideFolder otherwise (absolute, NUL, or climbing out with `..`).
 */
export const pathIn = (what: string, folder: string, rel: string): E.Either<PathError, string> => {
  const root = normalizePath(folder)
  const joined = normalizePath(`${root}/${rel}`)
  const inside =
    root === '.'
      ? joined !== '.' && joined !== '..' && !joined.startsWith('../') && !joined.startsWith('/')
      : joined.startsWith(root === '/' ? '/' : `${root}/`) && joined !== root
  return rel.startsWith('/') || rel.includes('\0') || !inside
    ? E.left(pathOutsideFolder(what, rel, folder))
    : E.right(joined)
}

/**
 * The file name of a download, as Go's `filepath.Base(url.Path)`: the URL's path percent-decoded first, then
 * its last segment (so an encoded `%2e%2e%2f` cannot climb). Undefined when the URL does not parse.
 */
export const urlFileName = (url: string): string | undefined => {
  let pathname: string
  try {
    pathname = new URL(url).pathname
  } catch {
    return undefined
  }
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    decoded = pathname
  }
  const trimmed = decoded.replace(/\/+$/, '')
  return trimmed.slice(trimmed.lastIndexOf('/') + 1)
}

/** `a/b` (POSIX), `b` as is when it is absolute; normalised. */
export const joinPath = (a: string, b: string): string => normalizePath(b.startsWith('/') ? b : `${a}/${b}`)

/** The folder and the last name of a path (`/a/b.yaml` → [`/a`, `b.yaml`]). */
export const splitPath = (p: string): readonly [string, string] => {
  const n = normalizePath(p)
  const at = n.lastIndexOf('/')
  return at < 0 ? ['.', n] : [at === 0 ? '/' : n.slice(0, at), n.slice(at + 1)]
}

import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { message } from '../../../src/domain/errors'
import { pathOutsideFolder, unsafeFileName } from '../../../src/domain/path/PathError'
import { fileIn, normalizePath, pathIn, urlFileName } from '../../../src/domain/path/SafePath'

const fileInS = suite('SafePath.fileIn')
fileInS('should join a plain file name onto its folder', () => {
  assert.equal(fileIn('chart', '/d/a/b/', 'x-1.0.0.tgz'), E.right('/d/a/b/x-1.0.0.tgz'))
  assert.equal(fileIn('chart', '/d', '..x..\\y'), E.right('/d/..x..\\y'))
})
fileInS('should refuse empty, dot, dot-dot, slashes and NUL', () => {
  for (const name of ['', '.', '..', '../x', 'a/b', '/abs', 'x\0y'])
    assert.equal(fileIn('chart', '/d', name), E.left(unsafeFileName('chart', name, '/d')), name)
  assert.is(
    message(unsafeFileName('chart archive', '..', '/d')),
    'refusing to write chart archive "..": not a file name in /d',
  )
})
fileInS.run()

const pathInS = suite('SafePath.pathIn')
pathInS('should resolve relative paths that stay inside', () => {
  assert.equal(pathIn('file', '/out', 'a/./b/../c.yaml'), E.right('/out/a/c.yaml'))
  assert.equal(pathIn('file', '/out/', 'templates/x.yaml'), E.right('/out/templates/x.yaml'))
  assert.equal(pathIn('file', 'rel/dir', 'x'), E.right('rel/dir/x'))
  assert.equal(pathIn('file', '.', 'x/y'), E.right('x/y'))
})
pathInS('should refuse paths that climb out, are absolute, are the folder itself or hold NUL', () => {
  for (const [folder, rel] of [
    ['/out', '../x'],
    ['/out', 'a/../../x'],
    ['/out', 'top/charts/../../../../x/templates/y.yaml'],
    ['/out', '/etc/passwd'],
    ['/out', '.'],
    ['/out', 'a\0b'],
    ['/out', '../out2/x'],
    ['.', '../x'],
    ['rel', '../rel2/x'],
  ] as const)
    assert.equal(pathIn('file', folder, rel), E.left(pathOutsideFolder('file', rel, folder)), `${folder} ${rel}`)
  assert.is(
    message(pathOutsideFolder('manifest', '../x', '/out')),
    'refusing to write manifest "../x": it resolves outside /out',
  )
})
pathInS.run()

const norm = suite('SafePath.normalizePath')
norm('should apply . and .. as Go filepath.Clean does', () => {
  assert.is(normalizePath('/a/b/../../../c'), '/c')
  assert.is(normalizePath('a//b/./c/'), 'a/b/c')
  assert.is(normalizePath('../a/../../b'), '../../b')
  assert.is(normalizePath(''), '.')
})
norm.run()

const url = suite('SafePath.urlFileName')
url("should decode the URL path before taking its last segment (Go's filepath.Base(url.Path))", () => {
  assert.is(urlFileName('http://h/charts/%2e%2e%2f%2e%2e%2fx.tgz'), 'x.tgz')
  assert.is(urlFileName(`http://h/c/${'%2e%2e%2f'.repeat(20)}tmp%2fpwned.tgz`), 'pwned.tgz')
  assert.is(urlFileName('http://h/charts/a%20b-1.0.0.tgz?x=1'), 'a b-1.0.0.tgz')
  assert.is(urlFileName('http://h/charts/x%2f%2e%2e%2f'), '..')
  // WHATWG URLs resolve an encoded dot segment themselves
  assert.is(urlFileName('http://h/charts/%2e%2e'), '')
  assert.is(urlFileName('http://h/charts/bad%zz.tgz'), 'bad%zz.tgz')
  assert.is(urlFileName('http://h/'), '')
  assert.is(urlFileName('not a url'), undefined)
})
url.run()

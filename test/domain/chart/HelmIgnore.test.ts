import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { globToRegExp, isIgnored, isIncluded, parseHelmIgnore } from '../../../src/domain/chart/HelmIgnore'
import { assertLeft, assertRight } from '../../helpers'

const rules = (text: string) => assertRight(parseHelmIgnore(text))

const ignore = suite('.helmignore rules')
ignore('should match basenames when the pattern has no slash', () => {
  const r = rules('*.bak\n')
  assert.ok(isIgnored(r, 'a.bak', false))
  assert.ok(isIgnored(r, 'deep/in/b.bak', false))
  assert.not.ok(isIgnored(r, 'a.bak.txt', false))
})
ignore('should anchor a leading slash at the chart root', () => {
  const r = rules('/TOP.txt\n')
  assert.ok(isIgnored(r, 'TOP.txt', false))
  assert.not.ok(isIgnored(r, 'docs/TOP.txt', false))
})
ignore('should match a pattern with a slash against the whole path', () => {
  const r = rules('docs/*.tmp\n')
  assert.ok(isIgnored(r, 'docs/a.tmp', false))
  assert.not.ok(isIgnored(r, 'other/docs/a.tmp', false))
  assert.not.ok(isIgnored(r, 'docs/sub/a.tmp', false))
})
ignore('should apply a trailing slash to directories only', () => {
  const r = rules('build/\n')
  assert.ok(isIgnored(r, 'build', true))
  assert.not.ok(isIgnored(r, 'build', false))
  assert.not.ok(isIncluded(r, 'build/out.txt'))
})
ignore('should mirror Helm: a negated rule that does not match ignores the path', () => {
  // Checked with helm 4.1.4: a chart whose .helmignore is `!keep.txt` fails with "Chart.yaml file is missing".
  const r = rules('!keep.txt\n')
  assert.ok(isIgnored(r, 'values.yaml', false))
  assert.ok(isIgnored(r, 'templates', true))
  assert.not.ok(isIgnored(r, 'keep.txt', false))
  const first = rules('*.txt\n!keep.txt\n')
  assert.ok(isIgnored(first, 'keep.txt', false))
})
ignore('should skip comments and blank lines and ignore template dotfiles by default', () => {
  const r = rules('# *.yaml\n\n')
  assert.not.ok(isIgnored(r, 'values.yaml', false))
  assert.ok(isIgnored(r, 'templates/.hidden.yaml', false))
  assert.not.ok(isIgnored(r, '.helmignore', false))
})
ignore('should refuse ** and malformed globs', () => {
  const e = assertLeft(parseHelmIgnore('a/**/b\n'))
  assert.ok(e._tag === 'InvalidChartFile' && e.problems[0] === 'double-star (**) syntax is not supported')
  assert.is(assertLeft(parseHelmIgnore('[abc\n'))._tag, 'InvalidChartFile')
})
ignore('should match plain names and `*` + a name as the compiled glob does', () => {
  const patterns = [
    '.git',
    'a.b',
    '*',
    '*.swp',
    '*.tmp~',
    '*/x.yaml',
    'templates/*.txt',
    'd/e',
    '*.',
    '*a*',
    'x?y',
    'ab',
  ]
  const paths = ['', '.git', 'x/.git', 'a.b', 'axb', 'a.swp', '.swp', 'd/a.swp', 'd/x.yaml', 'd/e/x.yaml', 'x.yaml']
  const more = ['templates/a.txt', 'templates/d/a.txt', 'd/e', 'x.', 'xay', 'a', 'b.tmp~', 'ab', 'xab', 'x/ab']
  for (const pattern of patterns) {
    const re = globToRegExp(pattern)!
    const r = rules(`/${pattern}\n`)
    const base = rules(`${pattern}\n`)
    for (const path of [...paths, ...more]) {
      assert.is(isIgnored(r, path, false), path !== '' && re.test(path), `/${pattern} on ${path}`)
      if (!pattern.includes('/'))
        assert.is(
          isIgnored(base, path, false),
          path !== '' && re.test(path.slice(path.lastIndexOf('/') + 1)),
          `${pattern} on ${path}`,
        )
    }
  }
})
ignore.run()

const glob = suite('globToRegExp')
glob('should follow filepath.Match', () => {
  const m = (p: string, s: string) => globToRegExp(p)?.test(s) ?? false
  assert.ok(m('a?c', 'abc'))
  assert.not.ok(m('a?c', 'a/c'))
  assert.ok(m('[a-c]x', 'bx'))
  assert.not.ok(m('[^a-c]x', 'bx'))
  assert.ok(m('[^a-c]x', 'dx'))
  assert.ok(m('\\*', '*'))
  assert.not.ok(m('\\*', 'a'))
  assert.ok(m('a.b', 'a.b'))
  assert.not.ok(m('a.b', 'axb'))
})
glob.run()

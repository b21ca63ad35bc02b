import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { message } from '../../../src/domain/errors'
import { parseIndex } from '../../../src/domain/repo/Index'
import * as S from '../../../src/domain/repo/Search'
import { assertRight } from '../../helpers'

const index = assertRight(
  parseIndex(
    't',
    `apiVersion: v1
entries:
  mysql:
  - {name: mysql, version: 1.2.0, description: Fast relational database, keywords: [sql]}
  - {name: mysql, version: 1.1.0, description: Fast relational database}
  mariadb:
  - {name: mariadb, version: 7.0.0, description: A fork of MySQL, keywords: [database]}
  nginx:
  - {name: nginx, version: 2.0.0, description: web server}
`,
  ),
)

const find = suite('Search.search')
find('should rank a name hit before a description hit', () => {
  const idx = S.buildSearchIndex([['stable', index]], false)
  const rs = assertRight(S.search(idx, 'MySQL', false))
  assert.equal(
    rs.map((r) => [r.name, r.score]),
    [
      ['stable/mysql', 0],
      ['stable/mariadb', 2],
    ],
  )
})
find('should list everything sorted by name without a term', () => {
  const rs = assertRight(S.search(S.buildSearchIndex([['stable', index]], false), undefined, false))
  assert.equal(
    rs.map((r) => r.name),
    ['stable/mariadb', 'stable/mysql', 'stable/nginx'],
  )
})
find('should match RE2 regular expressions', () => {
  const rs = assertRight(S.search(S.buildSearchIndex([['stable', index]], false), '^ng', true))
  assert.equal(
    rs.map((r) => r.name),
    ['stable/nginx'],
  )
})
find('should refuse a regular expression that does not compile', () => {
  const e = S.search(S.buildSearchIndex([['stable', index]], false), '(', true)
  assert.ok(e._tag === 'Left' && e.left._tag === 'InvalidArgument' && /^error parsing regexp: /.test(message(e.left)))
})
find.run()

const constrain = suite('Search.applyConstraint')
constrain('should keep the newest matching version per chart, or all with versions', () => {
  const idx = S.buildSearchIndex([['stable', index]], true)
  const rs = assertRight(S.search(idx, 'mysql', false))
  assert.equal(
    assertRight(S.applyConstraint(rs, '<1.2', false)).map((r) => r.chart.version),
    ['1.1.0'],
  )
  assert.equal(
    assertRight(S.applyConstraint(rs, '>=1', true)).map((r) => `${r.name}@${r.chart.version}`),
    ['stable/mysql@1.2.0', 'stable/mysql@1.1.0', 'stable/mariadb@7.0.0'],
  )
})
constrain.run()

import * as E from 'fp-ts/Either'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  parseLabelSelector,
  parseRequirements,
  requirementsOf,
  selectorString,
} from '../../../src/domain/release/LabelSelector'
import { assertRight } from '../../helpers'

const sel = suite('LabelSelector')
const labels = { app: 'web', tier: 'front', empty: '', n: '10' }
const cases: ReadonlyArray<readonly [string, boolean]> = [
  ['', true],
  ['app=web', true],
  ['app==web', true],
  ['app!=web', false],
  ['app=web,tier=back', false],
  ['tier', true],
  ['!tier', false],
  ['!missing', true],
  ['app in (api, web)', true],
  ['app notin (api,web)', false],
  ['tier in (back),app=web', false],
  ['app in(web)', true],
  ['app notin(web)', false],
  ['constructor', false],
  ['!toString', true],
  ['constructor in (x)', false],
  ['hasOwnProperty notin (x)', true],
  // labels.Parse: `()` and empty list entries are the empty value; a missing value is the empty value
  ['empty in ()', true],
  ['app in ()', false],
  ['app in (,web)', true],
  ['empty in (x,)', true],
  ['empty=', true],
  ['empty in (in, notin)', false],
  ['app in (in, web)', true],
  ['n>9', true],
  ['n<10', false],
  ['app>1', false],
  ['missing<1', false],
  [' app = web , tier ', true],
  ['example.com/role', false],
]
for (const [s, expected] of cases)
  sel(`should ${expected ? 'match' : 'not match'} ${JSON.stringify(s)}`, () =>
    assert.is(assertRight(parseLabelSelector(s))(labels), expected),
  )
sel.run()

const errors = suite("LabelSelector errors (the API server's texts)")
const QNAME =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
const refused: ReadonlyArray<readonly [string, string]> = [
  ['a=b=c', "found '=', expected: ',' or 'end of string'"],
  ['a,,b', "found ',', expected: identifier after ','"],
  ['=a', "found '=', expected: !, identifier, or 'end of string'"],
  ['a,', "found '', expected: identifier after ','"],
  ['!a=b', "found '=', expected: ',' or 'end of string'"],
  ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
  ['a in x', "unable to parse requirement: found 'x' expected: '('"],
  ['a in (x', "unable to parse requirement: found '', expected: ',' or ')'"],
  ['a in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
  ['a= =', "unable to parse requirement: found '=', expected: identifier"],
  ['a$=b', `unable to parse requirement: <nil>: Invalid value: "a$": ${QNAME}`],
  [
    'a=b$',
    `unable to parse requirement: values[0][a]: Invalid value: "b$": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
  ],
  [
    'a>x',
    `unable to parse requirement: values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer`,
  ],
]
for (const [s, reason] of refused)
  errors(`should refuse ${JSON.stringify(s)}`, () => assert.equal(parseLabelSelector(s), E.left(reason)))
errors.run()

const objects = suite('LabelSelector objects (metav1.LabelSelectorAsSelector)')
objects('should turn matchLabels and matchExpressions into requirements and back into a string', () => {
  const reqs = assertRight(
    requirementsOf({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['b', 'a'] },
        { key: 'canary', operator: 'DoesNotExist' },
      ],
    }),
  )
  assert.is(selectorString(reqs ?? []), 'app=web,!canary,tier in (a,b)')
  assert.is(selectorString(assertRight(parseRequirements(selectorString(reqs ?? [])))), 'app=web,!canary,tier in (a,b)')
})
objects('should select everything with an empty selector, nothing without one, and refuse unknown operators', () => {
  assert.equal(requirementsOf({}), E.right([]))
  assert.equal(requirementsOf(undefined), E.right(undefined))
  assert.equal(
    requirementsOf({ matchExpressions: [{ key: 'a', operator: 'Equals' }] }),
    E.left('"Equals" is not a valid label selector operator'),
  )
})
objects.run()

import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { signatureOf } from '../../../../src/domain/go/Value'
import { TemplateSet } from '../../../../src/domain/template/gotpl'
import { sprigFuncs } from '../../../../src/domain/template/sprig'
import { conversionFuncs } from '../../../../src/domain/template/sprig/conversion'
import { cryptoFuncs } from '../../../../src/domain/template/sprig/crypto'
import { dateFuncs } from '../../../../src/domain/template/sprig/dates'
import { defaultFuncs } from '../../../../src/domain/template/sprig/defaults'
import { dictFuncs } from '../../../../src/domain/template/sprig/dicts'
import { encodingFuncs } from '../../../../src/domain/template/sprig/encoding'
import { GROUP_NAMES } from '../../../../src/domain/template/sprig/groups'
import { listFuncs } from '../../../../src/domain/template/sprig/lists'
import { mathFuncs } from '../../../../src/domain/template/sprig/math'
import { pathFuncs } from '../../../../src/domain/template/sprig/paths'
import { randomFuncs } from '../../../../src/domain/template/sprig/random'
import { regexFuncs } from '../../../../src/domain/template/sprig/regex'
import { semverFuncs } from '../../../../src/domain/template/sprig/semver'
import { signatureOfName } from '../../../../src/domain/template/sprig/signatures'
import { stringFuncs } from '../../../../src/domain/template/sprig/strings'

const env = {
  now: () => new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
  randomBytes: (n: number) => new Uint8Array(n).fill(7),
}

const groups = {
  strings: stringFuncs(),
  conversion: conversionFuncs(),
  math: mathFuncs(),
  lists: listFuncs(),
  dicts: dictFuncs(),
  defaults: defaultFuncs(),
  encoding: encodingFuncs(),
  regex: regexFuncs(),
  paths: pathFuncs(),
  semver: semverFuncs(),
  dates: dateFuncs(env.now),
  random: randomFuncs(env.randomBytes),
  crypto: cryptoFuncs(env),
}

test('GROUP_NAMES should list exactly each group function map keys, in order', () => {
  assert.equal(Object.keys(GROUP_NAMES).sort(), Object.keys(groups).sort())
  for (const [g, funcs] of Object.entries(groups))
    assert.equal([...GROUP_NAMES[g as keyof typeof GROUP_NAMES]], Object.keys(funcs), g)
})

test('sprigFuncs should offer every group name with its Go signature, no other', () => {
  const funcs = sprigFuncs(env)
  const all = Object.values(groups).flatMap((f) => Object.keys(f))
  assert.equal(Object.keys(funcs).sort(), [...new Set(all)].sort())
  for (const name of all) {
    const sig = signatureOfName(name)
    assert.equal(signatureOf(funcs[name]), sig === undefined ? undefined : { params: sig[0], variadic: sig[1] }, name)
  }
})

test('sprigFuncs should call the group function of the name, its clock and randomness from the env', () => {
  const funcs = sprigFuncs(env)
  assert.is(funcs.upper('abc'), 'ABC')
  assert.is(funcs.randAlpha(4), groups.random.randAlpha(4))
  assert.is(funcs.semverCompare('>=1.0.0', '1.2.3'), true)
  const run = (text: string): string => {
    const set = new TemplateSet({ funcs: sprigFuncs(env) })
    set.parse('t', text)
    return set.execute('t', {})
  }
  assert.is(run('{{ trunc 2.0 "abcd" }} {{ "a-b" | snakecase }} {{ date "2006" now }}'), 'ab a_b 2024')
  assert.throws(() => run('{{ nosuchfunc 1 }}'), /function "nosuchfunc" not defined/)
  assert.throws(() => run('{{ trunc "x" "abc" }}'), /expected int/)
})

test.run()

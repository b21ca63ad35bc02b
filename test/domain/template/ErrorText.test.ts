import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { execErrorText, failEnd, failStart, parseErrorText } from '../../../src/domain/template/ErrorText'

// Expected texts are what real Helm 4.1.4 printed for the same templates (see test/fixtures/golden/charts/errors-*).
const text = suite('render: Helm error texts')
text('should shorten parse errors to file:line and reason', () => {
  assert.is(
    parseErrorText('p/templates/a.yaml', 'template: p/templates/a.yaml:1: unclosed action'),
    'parse error at (p/templates/a.yaml:1): unclosed action',
  )
})
text('should print fail/required as execution error at the outer location', () => {
  const inner = {
    message: `template: c/templates/_h.tpl:2:3: executing "h" at <required "need x" .Values.x>: error calling required: ${failStart}need x${failEnd}`,
  }
  const outer = {
    message: `template: c/templates/a.yaml:1:6: executing "c/templates/a.yaml" at <include "h" .>: error calling include: ${inner.message}`,
    cause: inner,
  }
  assert.is(execErrorText(outer), 'execution error at (c/templates/a.yaml:1:6): need x')
})
text('should keep Go one-line text when the chain ends in a function error', () => {
  const fnErr = { message: 'incompatible types for comparison: int and string' }
  const inner = {
    message:
      'template: incfn/templates/_h.tpl:1:19: executing "h" at <eq 1 "1">: error calling eq: incompatible types for comparison: int and string',
    cause: fnErr,
  }
  const outer = {
    message: `template: incfn/templates/a.yaml:1:6: executing "incfn/templates/a.yaml" at <include "h" .>: error calling include: ${inner.message}`,
    cause: inner,
  }
  assert.is(execErrorText(outer), outer.message)
})
text('should trace nested templates one block each for nil pointers', () => {
  const inner = {
    message:
      'template: incnil/templates/_h.tpl:1:26: executing "h" at <.Values.x.y>: nil pointer evaluating interface {}.y',
  }
  const outer = {
    message: `template: incnil/templates/a.yaml:1:6: executing "incnil/templates/a.yaml" at <include "h" .>: error calling include: ${inner.message}`,
    cause: inner,
  }
  assert.is(
    execErrorText(outer),
    'incnil/templates/a.yaml:1:6\n  executing "incnil/templates/a.yaml" at <include "h" .>:\n    error calling include:\nincnil/templates/_h.tpl:1:26\n  executing "h" at <.Values.x.y>:\n    nil pointer evaluating interface {}.y',
  )
})
text('should print a missing include target as a bare line', () => {
  const inner = { message: 'template: no template "nope" associated with template "gotpl"' }
  const outer = {
    message: `template: m/templates/a.yaml:1:6: executing "m/templates/a.yaml" at <include "nope" .>: error calling include: ${inner.message}`,
    cause: inner,
  }
  assert.is(
    execErrorText(outer),
    'm/templates/a.yaml:1:6\n  executing "m/templates/a.yaml" at <include "nope" .>:\n    error calling include:\ntemplate: no template "nope" associated with template "gotpl"',
  )
})
text.run()

import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { parseTemplate } from '../../../../src/domain/template/gotpl/parse'
import { lex } from '../../../../src/domain/template/gotpl/lex'
import { nodeString, type NumberNode } from '../../../../src/domain/template/gotpl/ast'
import { readNumber, unquote } from '../../../../src/domain/template/gotpl/literal'

const always = (): boolean => true
const parse = (text: string) => parseTemplate('t', text, always)

const lexing = suite('gotpl lex')
lexing('should need a space after a trim marker', () => {
  const types = (s: string) => lex(s).map((i) => `${i.type}:${i.val}`)
  assert.equal(types('a {{-3}} b'), ['text:a ', 'leftDelim:{{', 'number:-3', 'rightDelim:}}', 'text: b', 'eof:'])
  assert.equal(types('a \n{{- 3 -}}\n b'), ['text:a', 'leftDelim:{{', 'number:3', 'rightDelim:}}', 'text:b', 'eof:'])
})
lexing('should number lines of items', () => {
  const items = lex('a\nb{{ .x\n}}\n{{ 1 }}')
  assert.equal(
    items.filter((i) => i.type === 'field' || i.type === 'number').map((i) => i.line),
    [2, 4],
  )
})
lexing.run()

const printing = suite('gotpl nodeString')
printing('should print nodes back as Go does', () => {
  const root = parse(
    '{{if .a}}x{{else if .b}}y{{end}}{{ $x := index .m "k" | printf "%v" }}{{ (.a).b }}{{ template "n" . }}',
  ).get('t')!.root
  assert.is(
    nodeString(root),
    '{{if .a}}x{{else}}{{if .b}}y{{end}}{{end}}{{$x := index .m "k" | printf "%v"}}{{(.a).b}}{{template "n" .}}',
  )
})
printing.run()

const trees = suite('gotpl parse trees')
trees('should return one tree per define and block plus the text itself', () => {
  const set = parse('{{ define "a" }}A{{ end }}{{ block "b" . }}B{{ end }}x')
  assert.equal([...set.keys()].sort(), ['a', 'b', 't'])
  assert.is(set.get('a')!.parseName, 't')
})
trees('should keep a field chain position at its second element as Go does', () => {
  const action = parse('{{ .Values.a }}').get('t')!.root.nodes[0]
  assert.is(action.type === 'action' && action.pipe.cmds[0].args[0].pos, 10)
})
trees.run()

const literals = suite('gotpl literals')
literals('should read every number form Go accepts', () => {
  const n = (s: string) => readNumber(0, s, false) as NumberNode
  assert.equal(
    [n('1_000').int64, n('0x10').int64, n('0o17').int64, n('017').int64, n('0b101').int64],
    [1000n, 16n, 15n, 15n, 5n],
  )
  assert.is(n('0x1p-2').float64, 0.25)
  assert.ok(n('1e3').isInt && n('1e3').isFloat)
  assert.is(readNumber(0, "'a'", true) instanceof Object && (readNumber(0, "'a'", true) as NumberNode).int64, 97n)
  assert.is(readNumber(0, '99999999999999999999', false), 'integer overflow: "99999999999999999999"')
})
literals('should unquote Go strings, raw strings and runes', () => {
  assert.is(unquote('"\\u00e9\\x41\\101\\t"'), 'éAA\t')
  assert.is(unquote('"\\xc3\\xa9"'), 'é')
  assert.is(unquote('`a\\n\r`'), 'a\\n')
  assert.is(unquote('"bad\\q"'), undefined)
})
literals.run()

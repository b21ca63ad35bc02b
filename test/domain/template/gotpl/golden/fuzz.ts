// Differential fuzzing of the gotpl engine against the real Helm binary (a dev tool, not part of `npm test`).
// Generates random templates (printf verbs and flags, builtin expressions and control flow, trim markers and
// comments), renders them with real Helm and with our engine, and prints every difference.
// usage: node --import tsx test/domain/template/gotpl/golden/fuzz.ts [seed] [count] [path-to-helm]
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TemplateError, TemplateSet } from '../../../../../src/domain/template/gotpl'
import type { Value } from '../../../../../src/domain/go/Value'

let seed = Number(process.argv[2] ?? 1)
const count = Number(process.argv[3] ?? 300)
const helm = process.argv[4] ?? '/tmp/helm-conformance/bin/helm'
const rnd = (n: number): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648
  return Math.floor(seed / 65536) % n // the low bits of this generator are not random
}
const pick = <T>(a: ReadonlyArray<T>): T => a[rnd(a.length)]

const values = {
  n: 1,
  z: 0,
  s: 'str',
  e: '',
  f: 123456.7,
  big: 1000000,
  l: [1, 'b', null],
  el: [],
  m: { k: 'v', j: 2 },
  em: {},
  nested: { a: { b: [1, 2], c: null }, d: 'x' },
}

const printfCase = (): string => {
  const verbs = ['v', 'd', 's', 'q', 'x', 'X', 'o', 'b', 'e', 'E', 'f', 'g', 'G', 't', 'c', 'U', 'T', '+v', '#v']
  const flags = ['', '', '-', '+', '#', '0', ' ', '-0', '+0']
  const args = [
    '1',
    '-7',
    '255',
    '3.14159',
    '-0.5',
    '1e21',
    '0.000012345',
    '"abc"',
    '"héllo"',
    '""',
    'true',
    'nil',
    '$.Values.f',
    '$.Values.big',
    '$.Values.m',
    '$.Values.l',
    "'x'",
    '2.5',
    '0.125',
    '5e-324',
  ]
  let fmt = ''
  const as: string[] = []
  for (let k = 0; k < 1 + rnd(3); k++) {
    const v = pick(verbs)
    const w = pick(['', '', '5', '12', '*'])
    const p = pick(['', '', '.0', '.3', '.*'])
    if (w === '*') as.push(String(rnd(10)))
    if (p === '.*') as.push(String(rnd(6)))
    fmt += `%${v.length === 2 ? v[0] : ''}${pick(flags)}${w}${p}${v[v.length - 1]}|`
    as.push(pick(args))
  }
  return `{{ printf ${JSON.stringify(fmt)} ${as.join(' ')} }}`
}

const atoms = [
  '1',
  '0',
  '2.5',
  '"a"',
  '""',
  'true',
  'false',
  'nil',
  '$.Values.n',
  '$.Values.z',
  '$.Values.s',
  '$.Values.e',
  '$.Values.l',
  '$.Values.el',
  '$.Values.m',
  '$.Values.em',
  '$.Values.missing',
  '$x',
  "'c'",
  '$.Values.m.k',
]
const expr = (d: number): string => {
  if (d <= 0 || rnd(3) === 0) return pick(atoms)
  const f = pick([
    'and',
    'or',
    'not',
    'eq',
    'ne',
    'lt',
    'ge',
    'len',
    'index',
    'print',
    'printf "%v"',
    'println',
    'html',
    'js',
    'urlquery',
  ])
  const n = f === 'not' || f === 'len' ? 1 : ['lt', 'ge', 'ne'].includes(f) ? 2 : 1 + rnd(3)
  return `(${f} ${Array.from({ length: n }, () => expr(d - 1)).join(' ')})`
}
const exprCase = (): string => {
  const stmt = (): string => {
    switch (rnd(5)) {
      case 0:
        return `{{ if ${expr(2)} }}T{{ else }}F{{ end }}`
      case 1:
        return `{{ with ${expr(2)} }}W{{ . }}{{ else }}E{{ end }}`
      case 2:
        return `{{ range $i, $v := ${pick(['$.Values.l', '$.Values.m', '$.Values.el', '3', '$.Values.missing'])} }}[{{ $i }}:{{ $v }}:{{ ${expr(1)} }}]{{ else }}none{{ end }}`
      case 3:
        return `{{ $x = ${expr(2)} }}{{ $x }}`
    }
    return `{{ ${expr(3)} }}`
  }
  return `{{ $x := ${pick(atoms.filter((a) => a !== '$x'))} }}` + Array.from({ length: 1 + rnd(3) }, stmt).join('|')
}

const spaceCase = (): string => {
  const texts = ['a', ' ', '\n', '\n\n', '\t', ' \n ', 'b c', 'x\n  ', '']
  const acts = [
    '{{- 1 -}}',
    '{{ 1 }}',
    '{{-1}}',
    '{{- 2}}',
    '{{3 -}}',
    '{{/* c */}}',
    '{{- /* c */ -}}',
    '{{- "s" }}',
    '{{-\n4\n-}}',
    '{{ if true -}} y {{- end }}',
    '{{- range 2 }} r {{ end -}}',
    '{{/* multi\nline */}}',
  ]
  let t = ''
  for (let k = 0; k < 2 + rnd(6); k++) t += pick(texts) + pick(acts)
  return t + pick(texts)
}

// control flow, scopes and template calls
const controlCase = (): string => {
  const src = [
    '$.Values.l',
    '$.Values.m',
    '$.Values.el',
    '$.Values.missing',
    '$.Values.nested',
    '(index $.Values.nested "a")',
  ]
  const body = (d: number): string => {
    if (d <= 0)
      return pick(['{{ . }}', '{{ $v }}', '{{ $i }}', '{{ $acc }}', 'x', '{{ $.Values.s }}', '{{ len $.Values.l }}'])
    switch (rnd(8)) {
      case 0:
        return `{{ range $i, $v := ${pick(src)} }}${body(d - 1)}{{ if eq (print $i) "1" }}{{ ${pick(['break', 'continue'])} }}{{ end }}${body(d - 1)}{{ else }}E{{ end }}`
      case 1:
        return `{{ with ${pick(src)} }}${body(d - 1)}{{ else with ${pick(src)} }}${body(d - 1)}{{ else }}N{{ end }}`
      case 2:
        return `{{ $acc = print $acc ${pick(['.', '$v', '$i', '"-"'])} }}${body(d - 1)}`
      case 3:
        return `{{ if ${pick(['.', '$v', 'not .', 'eq (print .) "v"', 'lt (len (print .)) 3'])} }}${body(d - 1)}{{ else if ${pick(['$i', '$acc'])} }}I{{ end }}`
      case 4:
        return `{{ template "t" ${pick(['.', '$v', '$.Values.m', '(index $.Values.nested "a")'])} }}`
      case 5:
        return `{{ $v := ${pick(['1', '"s"', '.', '$.Values.m.k'])} }}${body(d - 1)}{{ $v }}`
      case 6:
        return `{{ (index $.Values.nested "a").b }}{{ $.Values.nested.a.c }}${body(d - 1)}`
    }
    return `${body(d - 1)}|${body(d - 1)}`
  }
  // the root object holds Helm's own objects (printed with pointers), so the body runs with .Values.nested as dot
  return `{{ $acc := "" }}{{ $i := 0 }}{{ $v := 0 }}{{ with $.Values.nested }}` + body(3) + '{{ end }}{{ $acc }}'
}

// token soup: mostly parse errors, compared with their line
const syntaxCase = (): string => {
  const tokens = [
    '{{',
    '}}',
    '{{ ',
    ' }}',
    '{{- ',
    ' -}}',
    '(',
    ')',
    ' | ',
    ' := ',
    ' = ',
    '$x',
    '$y',
    '.a',
    '.a.b',
    ' 1',
    ' "s"',
    ' `r`',
    'if ',
    'end',
    'else',
    'range ',
    'with ',
    'break',
    'continue',
    'template "t"',
    ', ',
    'nil',
    'true',
    '\n',
    '/* c */',
    ' -',
    'print ',
    'len ',
    "'x'",
    ' 1e3',
    ' 0x',
    ' .',
    ' $',
    'block "b" .',
    'else if ',
    '}',
    '{',
    ' #',
    ' 9999999999999999999999',
  ]
  let t = '{{ $x := 1 }}'
  for (let k = 0; k < 3 + rnd(10); k++) t += pick(tokens)
  return t
}

const cases = Array.from({ length: count }, (_, i) =>
  [printfCase, exprCase, spaceCase, controlCase, syntaxCase][i % 5](),
)

// Real Helm: each case is a define in its own file, included and JSON-encoded so whitespace survives.
const dir = mkdtempSync(join(tmpdir(), 'gotpl-fuzz-'))
mkdirSync(join(dir, 'templates'))
writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n')
writeFileSync(join(dir, 'values.yaml'), JSON.stringify(values))
const file = (i: number): string =>
  `out: {{ include "c${i}" . | toJson }}\n{{ define "c${i}" }}${cases[i]}{{ end }}{{ define "t" }}<{{ . }}|{{ $ }}>{{ end }}\n`
const helmRun = (idx: ReadonlyArray<number>): { out?: string; err?: string } => {
  rmSync(join(dir, 'templates'), { recursive: true, force: true })
  mkdirSync(join(dir, 'templates'))
  for (const i of idx) writeFileSync(join(dir, 'templates', `case${i}.yaml`), file(i))
  try {
    return { out: execFileSync(helm, ['template', 'x', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) }
  } catch (e) {
    return { err: String((e as { stderr?: string }).stderr) }
  }
}
const expected = new Map<number, { out?: string; err?: string }>()
for (let g = 0; g < cases.length; g += 25) {
  const idx = Array.from({ length: Math.min(25, cases.length - g) }, (_, k) => g + k)
  const r = helmRun(idx)
  for (const [i, rr] of r.err !== undefined ? idx.map((i) => [i, helmRun([i])] as const) : [[-1, r] as const]) {
    if (rr.err !== undefined) {
      expected.set(i, { err: rr.err })
      continue
    }
    const docs = rr.out!.split(/^---\n# Source: c\/templates\/case(\d+)\.yaml\n/m)
    for (let k = 1; k < docs.length; k += 2)
      expected.set(Number(docs[k]), { out: JSON.parse(docs[k + 1].slice('out: '.length)) as string })
  }
}
rmSync(dir, { recursive: true, force: true })

let differences = 0
cases.forEach((t, i) => {
  const want = expected.get(i)!
  // toJson only appears in the wrapper, which is parsed but not executed here
  const set = new TemplateSet({
    funcs: { toJson: () => '' },
    bind: (s) => ({ include: (n, d) => s.execute(n as string, d) }),
  })
  let out: string | undefined
  let err: string | undefined
  try {
    set.parse(`c/templates/case${i}.yaml`, file(i))
    // no "<no value>" stripping: Helm strips it from the file, but toJson has escaped it to \u003cno value\u003e
    out = set.execute(`c${i}`, { Values: values as unknown as Value })
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e
    // compare the innermost Go message: Helm 4 prints it on one line or split over three
    err =
      e.kind === 'parse' ? `(${e.template}:${e.line}): ${e.message.slice(e.message.lastIndexOf(': ') + 2)}` : e.detail
  }
  const same = want.err !== undefined ? err !== undefined && want.err.includes(err) : out === want.out
  if (!same) {
    differences++
    console.log(
      `${JSON.stringify(t)}\n  helm: ${JSON.stringify(want.err ?? want.out)}\n  ours: ${JSON.stringify(err ?? out)}`,
    )
  }
})
const failing = [...expected.values()].filter((r) => r.err !== undefined).length
console.log(`${differences} differences in ${cases.length} cases (${failing} of them errors in Helm)`)
process.exit(differences === 0 ? 0 : 1)

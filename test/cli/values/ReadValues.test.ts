import * as E from 'fp-ts/Either'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type ValueOptions, readValues } from '../../../src/cli/values/ReadValues'
import { message } from '../../../src/domain/errors'
import type { GoMap } from '../../../src/domain/go/Value'
import { plain } from '../../domain/values/ValuesAsData'

// Expected values were printed by real Helm 4.1.4 (`helm template x CHART <flags>` with a template
// `{{ toJson .Values }}` and no chart defaults).
const dir = mkdtempSync(join(tmpdir(), 'readvalues-'))
const files: Record<string, string> = {
  'file.txt': 'hello\nworld',
  'f1.yaml': 'a: 1\nb: 1\n',
  'f2.yaml': 'a: 2\nc: {d: 1}\n',
  'multi.yaml': '---\na: {b: 2}\n---\n# second\nl: [2, 3]\n',
  'bad2.yaml': 'a: 1\n  b: 2\n',
  'list.yaml': '- 1\n',
  'yes.yaml': 'on: yes\nmode: 0755\n',
  bomb: [
    'x: &a [1,1,1,1,1,1,1,1,1]',
    'y: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    'z: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    'w: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    'v: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    'u: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
    't: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  ].join('\n'),
}
for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)

const read = (opts: ValueOptions, stdin = '') => readValues(opts, { cwd: dir, readStdin: async () => stdin })()

const order = suite('readValues flag order')
order(
  'should apply --set-literal last: --set-file, --set-literal, --set, --set-string, --set-json all on one key give the literal',
  async () => {
    const r = await read({
      fileValues: ['a=file.txt'],
      literalValues: ['a=1'],
      values: ['a=3'],
      stringValues: ['a=4'],
      jsonValues: ['a=5'],
    })
    assert.equal(plain(E.getOrElse(() => ({}) as GoMap)(r)), { a: '1' })
  },
)
order('should let --set-file win over --set-string', async () => {
  assert.equal(plain(((await read({ fileValues: ['a=file.txt'], stringValues: ['a=4'] })) as E.Right<GoMap>).right), {
    a: 'hello\nworld',
  })
})
order('should let --set win over --set-json', async () => {
  assert.equal(plain(((await read({ jsonValues: ['a=5'], values: ['a=3'] })) as E.Right<GoMap>).right), { a: 3 })
})
order('should merge -f files in order, then --set', async () => {
  const r = await read({ valueFiles: ['f1.yaml', 'f2.yaml'], values: ['c.e=1'] })
  assert.equal(plain((r as E.Right<GoMap>).right), { a: 2, b: 1, c: { d: 1, e: 1 } })
})
order.run()

const files_ = suite('readValues values files')
files_('should merge every document of a values file', async () => {
  assert.equal(plain(((await read({ valueFiles: ['multi.yaml'] })) as E.Right<GoMap>).right), {
    a: { b: 2 },
    l: [2, 3],
  })
})
files_('should read - from standard input', async () => {
  const r = await read({ valueFiles: ['multi.yaml', '-'] }, 'a: 2\nc: {d: 1}\n')
  assert.equal(plain((r as E.Right<GoMap>).right), { a: 2, l: [2, 3], c: { d: 1 } })
})
files_('should read --set-file - from standard input', async () => {
  assert.equal(plain(((await read({ fileValues: ['k=-'] }, 'from stdin')) as E.Right<GoMap>).right), {
    k: 'from stdin',
  })
})
files_('should read values files as YAML 1.1 like Helm', async () => {
  assert.equal(plain(((await read({ valueFiles: ['yes.yaml'] })) as E.Right<GoMap>).right), { true: true, mode: 493 })
})
files_.run()

const errors = suite('readValues errors')
const failure = async (opts: ValueOptions): Promise<string> => {
  const r = await read(opts)
  assert.ok(E.isLeft(r), 'expected a failure')
  return message((r as E.Left<import('../../../src/domain/errors').HelmError>).left)
}
errors('should name a missing values file as Go does', async () => {
  assert.is(await failure({ valueFiles: ['nothere.yaml'] }), 'open nothere.yaml: no such file or directory')
})
errors('should name the file and the line of a YAML syntax error', async () => {
  const msg = await failure({ valueFiles: ['bad2.yaml'] })
  // Helm (yaml.v2) says line 2; the line number itself comes from the shared YAML reader.
  assert.match(
    msg,
    /^failed to parse bad2\.yaml: cannot unmarshal yaml document: error converting YAML to JSON: yaml: line \d+: /,
  )
})
errors('should refuse a values file whose top level is not a map as Helm words it', async () => {
  assert.is(
    await failure({ valueFiles: ['list.yaml'] }),
    'failed to parse list.yaml: cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}',
  )
})
errors('should refuse a YAML alias bomb and name the file', async () => {
  const msg = await failure({ valueFiles: ['bomb'] })
  assert.ok(msg.startsWith('failed to parse bomb: cannot unmarshal yaml document: '), msg)
})
errors('should report a --set-file that names a missing file', async () => {
  assert.is(
    await failure({ fileValues: ['a=file.txt,b=nofile'] }),
    'failed parsing --set-file data: open nofile: no such file or directory',
  )
})
errors('should report a bad --set expression with the flag name', async () => {
  assert.is(await failure({ values: ['a'] }), 'failed parsing --set data: key "a" has no value')
})
errors.run()

const urls = suite('readValues URLs')
urls('should fetch -f and --set-file http URLs, and report a failed fetch', async () => {
  const server = createServer((req, res) => {
    if (req.url === '/v.yaml') res.end('fromUrl: true\n')
    else if (req.url === '/f.txt') res.end('text')
    else {
      res.statusCode = 404
      res.end()
    }
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  try {
    const r = await read({ valueFiles: [`${base}/v.yaml`], fileValues: [`t=${base}/f.txt`] })
    assert.equal(plain((r as E.Right<GoMap>).right), { fromUrl: true, t: 'text' })
    const missing = await read({ valueFiles: [`${base}/none.yaml`] })
    assert.is(
      message((missing as E.Left<import('../../../src/domain/errors').HelmError>).left),
      `failed to fetch ${base}/none.yaml : 404 Not Found`,
    )
  } finally {
    server.close()
  }
})
urls.run()

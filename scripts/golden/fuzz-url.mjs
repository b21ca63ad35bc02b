// Writes test/fixtures/golden/sprig/urlfuzz.cases.json: seeded URLs built from valid parts through urlParse and
// urlJoin; then run scripts/golden/sprig.mjs urlfuzz.
import { writeFileSync } from 'node:fs'
let seed = Number(process.argv[2] ?? 8)
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
const pick = (a) => a[Math.floor(rnd() * a.length)]
const url = () => {
  const scheme = pick(['http://', 'https://', 'HTTPS://', 's3://', 'git+ssh://', 'mailto:', 'file://', '', '//'])
  const user = pick(['', '', 'u@', 'u:p@', 'us%20er:p%40ss@', 'a:@'])
  const host = pick([
    'example.com',
    'EXAMPLE.com',
    'h',
    '10.0.0.1',
    '[::1]',
    '[fe80::1%25en0]',
    'xn--bcher-kva.ch',
    'a-b.c_d',
  ])
  const port = pick(['', '', ':8080', ':', ':0'])
  const path = pick(['', '/', '/a/b', '/a%20b/c', '/a b', '/%7Euser', '/é', '/a;b=c', '/a/../b', '/p%2Fq'])
  const query = pick(['', '', '?', '?a=1&b=2', '?q=a%20b', '?x', '?a=é'])
  const frag = pick(['', '', '#', '#f', '#a%20b', '#é s'])
  if (scheme === 'mailto:') return `mailto:${pick(['a@b.c', 'x%40y'])}${query}`
  if (scheme === '') return pick(['/rel/path', 'rel/path', 'a?b', '#frag', 'x:y', '']) + query + frag
  return scheme + user + host + port + path + query + frag
}
const urls = Array.from({ length: 120 }, url)
const tpl = '{{ range .Values.urls }}{{ $u := urlParse . }}{{ toJson $u }} {{ urlJoin $u }}\n{{ end }}'
writeFileSync(
  'test/fixtures/golden/sprig/urlfuzz.cases.json',
  JSON.stringify({ values: { urls }, cases: [['urls', tpl]], errors: [] }, null, 1) + '\n',
)

import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'

const importsUnder = (dir: string): Array<[string, string[]]> => {
  const out: Array<[string, string[]]> = []
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else if (p.endsWith('.ts')) {
        const text = readFileSync(p, 'utf8')
        const specs = [
          ...text.matchAll(
            /(?:^|\n)\s*(?:import|export)[^'"\n]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
          ),
        ].map((m) => m[1] ?? m[2] ?? '')
        out.push([p, specs])
      }
    }
  }
  walk(dir)
  return out
}

const layering = suite('architecture')
layering('should keep src/domain free of adapters, SDKs and node I/O modules', () => {
  const files = importsUnder('src/domain')
  assert.ok(files.length > 0)
  for (const [file, imports] of files)
    for (const i of imports)
      assert.not.ok(
        /adapters|\/cli\/|\/tiller\/|@kubernetes|@grpc|^(node:)?(fs|net|http|https|child_process|os|dgram|tls)(\/|$)/.test(
          i,
        ),
        `${file} imports ${i}`,
      )
})
layering('should keep src/ports free of adapters and SDKs', () => {
  for (const [file, imports] of importsUnder('src/ports'))
    for (const i of imports)
      assert.not.ok(/adapters|@kubernetes|@grpc|^(node:)?(fs|net|http)/.test(i), `${file} imports ${i}`)
})
layering('should keep src/app (the use cases) free of adapters, composition roots, SDKs and node I/O modules', () => {
  const files = importsUnder('src/app')
  assert.ok(files.length > 0)
  for (const [file, imports] of files)
    for (const i of imports)
      assert.not.ok(
        /adapters|\/cli\/|\/tiller\/|\/sandbox\/|@kubernetes|@grpc|^(node:)?(fs|net|http|https|child_process|dgram|tls)(\/|$)/.test(
          i,
        ),
        `${file} imports ${i}`,
      )
})
layering('should keep adapters from importing the composition roots', () => {
  for (const [file, imports] of importsUnder('src/adapters'))
    for (const i of imports) assert.not.ok(/\/(cli|tiller)\//.test(i), `${file} imports ${i}`)
})
layering.run()

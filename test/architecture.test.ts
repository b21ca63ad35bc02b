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

const layering = suite('architecture: layers')
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
  // (src/app/tiller is the application layer, where the ChartEngine port lives, not the root src/tiller)
  for (const [file, imports] of importsUnder('src/adapters'))
    for (const i of imports) assert.not.ok(/^(\.\.\/)+(cli|tiller)\//.test(i), `${file} imports ${i}`)
})
layering('should keep the render worker adapter free of other adapters', () => {
  for (const [file, imports] of importsUnder('src/adapters/render-worker'))
    for (const i of imports) assert.not.ok(/^\.\.\/(?!\.\.\/)/.test(i), `${file} imports ${i}`)
})

// The pure layers stand on fp-ts, io-ts and a few pure libraries; anything else (a second semver, a YAML or
// template package beside the domain's own, an SDK) needs a reason and a line here.
const pureLibraries: Readonly<Record<string, ReadonlyArray<string>>> = {
  'src/domain': [
    'fp-ts',
    'io-ts',
    'ajv', // values.schema.json (JSON Schema drafts 4-2020)
    'bcryptjs', // Sprig's htpasswd/bcrypt
    'mustache', // the mustache template engine
    're2js', // Go's regexp (RE2) for templates and Masterminds' regexps
    'yaml', // the YAML writer (toYaml) and Tiller's manifest reader
    'node:buffer',
    'node:crypto', // Sprig's hashes, ciphers and certificates, lock digests
    'node:zlib', // archives and the stored-record codecs
  ],
  'src/app': ['fp-ts', 'io-ts', 're2js', 'yaml'],
}
const packageOf = (spec: string): string =>
  spec.startsWith('node:') ? spec : spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!
layering(
  'should keep src/domain and src/app on their listed pure libraries (one semver, one YAML reader, no SDK)',
  () => {
    for (const [dir, allowed] of Object.entries(pureLibraries))
      for (const [file, imports] of importsUnder(dir))
        for (const i of imports.filter((x) => !x.startsWith('.')))
          assert.ok(allowed.includes(packageOf(i)), `${file} imports ${i}, not a listed library of ${dir}`)
  },
)
// Only the composition roots read the process's environment; everything else is handed what it needs.
const roots = ['src/cli/main.ts', 'src/tiller/main.ts', 'src/sandbox/main.ts', 'src/index.ts']
layering('should read process.env in the composition roots only', () => {
  const reads = importsUnder('src')
    .map(([file]) => file)
    .filter((f) => !roots.includes(f) && /\bprocess\.env\b/.test(readFileSync(f, 'utf8')))
  assert.equal(reads, [])
})
layering.run()

// ---

/** Relative imports of every .ts file under `dir`, resolved to repository paths (`x` → `x.ts` or `x/index.ts`). */
const importGraph = (dir: string): Map<string, string[]> => {
  const graph = new Map<string, string[]>()
  const exists = (p: string): boolean => {
    try {
      return statSync(p).isFile()
    } catch {
      return false
    }
  }
  for (const [file, specs] of importsUnder(dir)) {
    const targets: string[] = []
    for (const spec of specs) {
      if (!spec.startsWith('.')) continue
      const base = join(file, '..', spec)
      const target = [base, `${base}.ts`, join(base, 'index.ts')].find(exists)
      if (target !== undefined) targets.push(target)
    }
    graph.set(file, targets)
  }
  return graph
}

/** The strongly connected components with more than one node (each one a cycle), by Tarjan's algorithm. */
const cyclesOf = (graph: ReadonlyMap<string, ReadonlyArray<string>>): string[][] => {
  let next = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const out: string[][] = []
  const visit = (v: string): void => {
    index.set(v, next)
    low.set(v, next++)
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = []
      let w: string
      do {
        w = stack.pop()!
        onStack.delete(w)
        component.push(w)
      } while (w !== v)
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(component.sort())
    }
  }
  for (const v of graph.keys()) if (!index.has(v)) visit(v)
  return out
}

/** A domain area: the first folder under src/domain, or a top-level file (`errors.ts` is the area `errors`). */
const areaOf = (file: string): string => {
  const [first, ...rest] = file.slice('src/domain/'.length).split('/')
  return rest.length === 0 ? first!.replace(/\.ts$/, '') : first!
}

// No cycle between domain areas or between files is tolerated: the domain's were removed (issue 12), none is listed.
const cycles = suite('architecture: cycles')
cycles('should keep the domain areas free of cycles (no two areas importing each other, directly or around)', () => {
  const files = importGraph('src/domain')
  const areas = new Map<string, Set<string>>()
  const why = new Map<string, string>()
  for (const [file, targets] of files)
    for (const target of targets) {
      const [from, to] = [areaOf(file), areaOf(target)]
      if (!areas.has(from)) areas.set(from, new Set())
      if (from === to || !target.startsWith('src/domain/')) continue
      areas.get(from)!.add(to)
      if (!why.has(`${from}→${to}`)) why.set(`${from}→${to}`, `${file} imports ${target}`)
    }
  assert.ok(areas.size > 5)
  const graph = new Map([...areas].map(([a, to]) => [a, [...to]]))
  const found = cyclesOf(graph).map((c) => {
    const edges = [...why].filter(([k]) => c.includes(k.split('→')[0]!) && c.includes(k.split('→')[1]!))
    return `areas ${c.join(', ')} form a cycle:\n  ${edges.map(([, w]) => w).join('\n  ')}`
  })
  assert.ok(found.length === 0, found.join('\n'))
})
cycles('should keep every source file out of import cycles (type-only imports included)', () => {
  const graph = importGraph('src')
  assert.ok(graph.size > 100)
  const found = cyclesOf(graph).map((c) => `files import each other in a cycle: ${c.join(', ')}`)
  assert.ok(found.length === 0, found.join('\n'))
})
cycles.run()

// ---

/**
 * Violations of the two rules below that the rules tolerate for now, as `importer → imported` file pairs, each with
 * who removes it. A new violation fails the rules, and so does a listed one that is gone, so the lists only shrink.
 * Both are empty since issue 12 (helm-home's imports of http-repo, chart-fs and fs went with the client's
 * application layer); keep them so.
 */
const knownAdapterImports: ReadonlyArray<string> = []
/** The client (src/cli) reaching into Tiller's use cases (src/app/tiller); none left. */
const knownCliTillerImports: ReadonlyArray<string> = []

/** `found` must be exactly `known`: new entries are violations, missing ones are fixed violations still listed. */
const onlyKnown = (found: ReadonlyArray<string>, known: ReadonlyArray<string>, rule: string): void => {
  const added = found.filter((f) => !known.includes(f))
  const gone = known.filter((k) => !found.includes(k))
  assert.ok(
    added.length === 0 && gone.length === 0,
    [
      ...added.map((f) => `new violation (${rule}): ${f}`),
      ...gone.map((k) => `fixed, remove it from the list in test/architecture.test.ts: ${k}`),
    ].join('\n'),
  )
}

const adapterOf = (file: string): string | undefined => /^src\/adapters\/([^/]+)\//.exec(file)?.[1]

const boundaries = suite('architecture: boundaries between adapters and between client and server')
boundaries('should keep each adapter from importing another adapter (only composition roots combine them)', () => {
  const graph = importGraph('src/adapters')
  assert.ok(graph.size > 20)
  const found = [...graph].flatMap(([file, targets]) =>
    targets.filter((t) => adapterOf(t) !== undefined && adapterOf(t) !== adapterOf(file)).map((t) => `${file} → ${t}`),
  )
  onlyKnown(found, knownAdapterImports, 'an adapter imports another adapter')
})
boundaries("should keep the client (src/cli) out of Tiller's use cases (src/app/tiller)", () => {
  const graph = importGraph('src/cli')
  assert.ok(graph.size > 20)
  const found = [...graph].flatMap(([file, targets]) =>
    targets.filter((t) => t.startsWith('src/app/tiller/')).map((t) => `${file} → ${t}`),
  )
  onlyKnown(found, knownCliTillerImports, 'the client imports src/app/tiller')
})
boundaries.run()

// Writes src/sandbox/ProtobufSchema.ts: field numbers, JSON names and types of the Kubernetes messages the
// sandbox reads from protobuf request bodies (the kinds kubectl's `create <kind>` generators send, and every
// message they reach), taken from the generated.proto files of k8s.io/api and k8s.io/apimachinery.
// A development tool, run by hand when the set of kinds changes:
//   node scripts/protobuf-schema.mjs <k8s.io/api git dir> <k8s.io/apimachinery git dir>
// (bare git directories are read at HEAD, e.g. the mirrors `fetch github:kubernetes/api` brings.)
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const [apiDir, machineryDir] = process.argv.slice(2)
if (!apiDir || !machineryDir) {
  process.stderr.write('usage: node scripts/protobuf-schema.mjs <k8s.io/api git dir> <k8s.io/apimachinery git dir>\n')
  process.exit(2)
}
const git = (dir, ...args) =>
  execFileSync('git', ['-C', dir, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    stdio: ['ignore', 'pipe', 'ignore'],
  })
const paths = (dir) => git(dir, 'ls-tree', '-r', '--name-only', 'HEAD').split('\n')
const protoFiles = (dir) =>
  paths(dir)
    .filter((p) => p.endsWith('generated.proto'))
    .map((p) => git(dir, 'show', `HEAD:${p}`))
/** `Struct#fieldNumber` of every embedded Go struct whose fields JSON writes inline (`json:""`), per package. */
const inlineFields = (dir) => {
  const out = new Set()
  for (const p of paths(dir).filter((x) => x.endsWith('/types.go'))) {
    const pkgDir = p.slice(0, -'/types.go'.length)
    let proto = ''
    try {
      proto = git(dir, 'show', `HEAD:${pkgDir}/generated.proto`)
    } catch {
      continue
    }
    const pkg = /^package ([\w.]+);/m.exec(proto)?.[1]
    if (!pkg) continue
    for (const m of git(dir, 'show', `HEAD:${p}`).matchAll(/^type (\w+) struct \{\n([\s\S]*?)^\}/gm))
      for (const f of m[2].matchAll(/^\t\w+ `json:"(?:,inline)?" protobuf:"\w+,(\d+)/gm))
        out.add(`${pkg}.${m[1]}#${f[1]}`)
  }
  return out
}

// the kinds whose protobuf bodies are read, by apiVersion/kind
const ROOTS = {
  'v1/Namespace': 'k8s.io.api.core.v1.Namespace',
  'v1/ConfigMap': 'k8s.io.api.core.v1.ConfigMap',
  'v1/Secret': 'k8s.io.api.core.v1.Secret',
  'v1/ServiceAccount': 'k8s.io.api.core.v1.ServiceAccount',
  'v1/Service': 'k8s.io.api.core.v1.Service',
  'v1/Pod': 'k8s.io.api.core.v1.Pod',
  'v1/ResourceQuota': 'k8s.io.api.core.v1.ResourceQuota',
  'apps/v1/Deployment': 'k8s.io.api.apps.v1.Deployment',
  'batch/v1/Job': 'k8s.io.api.batch.v1.Job',
  'batch/v1/CronJob': 'k8s.io.api.batch.v1.CronJob',
  'rbac.authorization.k8s.io/v1/Role': 'k8s.io.api.rbac.v1.Role',
  'rbac.authorization.k8s.io/v1/ClusterRole': 'k8s.io.api.rbac.v1.ClusterRole',
  'rbac.authorization.k8s.io/v1/RoleBinding': 'k8s.io.api.rbac.v1.RoleBinding',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': 'k8s.io.api.rbac.v1.ClusterRoleBinding',
  'policy/v1/PodDisruptionBudget': 'k8s.io.api.policy.v1.PodDisruptionBudget',
  'networking.k8s.io/v1/Ingress': 'k8s.io.api.networking.v1.Ingress',
  'scheduling.k8s.io/v1/PriorityClass': 'k8s.io.api.scheduling.v1.PriorityClass',
  'meta.k8s.io/v1/DeleteOptions': 'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions',
  'v1/DeleteOptions': 'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions',
}
// embedded Go structs whose fields JSON writes inline (`json:""`), read from the packages' types.go
const INLINE = new Set([...inlineFields(apiDir), ...inlineFields(machineryDir)])
const SCALARS = {
  string: 's',
  bytes: 'b',
  int32: 'i',
  int64: 'i',
  uint32: 'i',
  uint64: 'i',
  bool: 't',
  double: 'd',
  float: 'f',
}

const messages = new Map()
for (const text of [...protoFiles(apiDir), ...protoFiles(machineryDir)]) {
  const pkg = /^package ([\w.]+);/m.exec(text)?.[1]
  if (!pkg) continue
  const qualify = (type) =>
    SCALARS[type] ? type : type.startsWith('.') ? type.slice(1) : type.includes('.') ? type : `${pkg}.${type}`
  for (const m of text.matchAll(/^message (\w+) \{\n([\s\S]*?)^\}/gm)) {
    const fields = []
    for (const line of m[2].split('\n')) {
      const map = /^\s*map<string,\s*([\w.]+)>\s+(\w+)\s*=\s*(\d+)/.exec(line)
      if (map) {
        fields.push({ name: map[2], num: Number(map[3]), type: qualify(map[1]), map: true })
        continue
      }
      const f = /^\s*(optional|repeated|required)\s+([\w.]+)\s+(\w+)\s*=\s*(\d+)/.exec(line)
      if (f) fields.push({ name: f[3], num: Number(f[4]), type: qualify(f[2]), repeated: f[1] === 'repeated' })
    }
    messages.set(`${pkg}.${m[1]}`, fields)
  }
}

const short = (name) => name.replace(/^k8s\.io\.api\./, '').replace(/^k8s\.io\.apimachinery\.pkg\./, '')
const reached = new Map()
const visit = (name) => {
  if (reached.has(name)) return
  const fields = messages.get(name)
  if (!fields) throw new Error(`message ${name} not found in the proto files`)
  reached.set(name, fields)
  for (const f of fields) if (!SCALARS[f.type]) visit(f.type)
}
for (const root of Object.values(ROOTS)) visit(root)

const typeCode = (t) => SCALARS[t] ?? short(t)
const lines = [...reached.keys()].sort().map((name) => {
  const spec = reached
    .get(name)
    .map(
      (f) =>
        `${INLINE.has(`${name}#${f.num}`) ? '&' : ''}${f.name}=${f.num}:${f.map ? 'map:' : ''}${typeCode(f.type)}${f.repeated ? '*' : ''}`,
    )
    .join(',')
  return `  '${short(name)}': '${spec}',`
})
const out = `// Generated by scripts/protobuf-schema.mjs from the generated.proto files of k8s.io/api and
// k8s.io/apimachinery: for each message, its fields as \`jsonName=number:type\` (\`s\` string, \`b\` bytes,
// \`i\` integer, \`t\` bool, \`d\`/\`f\` double/float, \`map:\` a map<string, type>, \`*\` repeated, a message
// name otherwise; \`&\` marks an embedded struct whose fields JSON writes inline). Do not edit by hand.

/** Message schemas by short name (\`core.v1.PodSpec\`). */
export const MESSAGES: Readonly<Record<string, string>> = {
${lines.join('\n')}
}

/** The message of each kind read from protobuf, by \`apiVersion/kind\`. */
export const ROOTS: Readonly<Record<string, string>> = {
${Object.entries(ROOTS)
  .map(([k, v]) => `  '${k}': '${short(v)}',`)
  .join('\n')}
}
`
const target = join(resolve(import.meta.dirname, '..'), 'src/sandbox/ProtobufSchema.ts')
writeFileSync(target, out)
process.stdout.write(`${target}: ${reached.size} messages\n`)

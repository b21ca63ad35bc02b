import * as E from 'fp-ts/Either'
import type { Value } from '../go/Value'
import { parseYamlDocument } from '../yaml/Read'
import { yamlMessage } from '../yaml/YamlError'
import { deprecationWarning } from './Deprecations'
import { checkObjectName } from './KubeNames'
import { error, type LintMessage, warning } from './LintMessage'

const ALLOWED = ['.yaml', '.yml', '.tpl', '.txt']

const extension = (path: string): string => {
  const base = path.slice(path.lastIndexOf('/') + 1)
  const dot = base.lastIndexOf('.')
  return dot < 0 ? '' : base.slice(dot)
}

/** Whether lint checks the rendered output of this template as YAML. */
export const isYamlTemplate = (path: string): boolean => ['.yaml', '.yml'].includes(extension(path))

/** Helm's allowed template extensions: an ERROR for anything but .yaml, .yml, .tpl, .txt. */
export const lintExtension = (path: string): ReadonlyArray<LintMessage> => {
  const ext = extension(path)
  return ALLOWED.includes(ext)
    ? []
    : [error(path, `file extension '${ext}' not valid. Valid extensions are .yaml, .yml, .tpl, or .txt`)]
}

const topIndent = (content: string): string | undefined => {
  for (const line of content.split('\n')) {
    if (line.trim() === '') continue
    return line.startsWith(' ') || line.startsWith('\t') ? line : undefined
  }
  return undefined
}

// The Kubernetes YAML reader splits a stream on `---` lines (comments may follow the marker).
const documents = (content: string): string[] => content.split(/^---[ \t]*(?:#.*)?$/m)

const str = (v: Value): string => (typeof v === 'string' ? v : '')

/**
 * Helm 4's checks of one rendered YAML template: no indent before the first line, every document
 * valid YAML (the first bad one stops the file), then per object the name rules and API deprecations
 * at `kubeVersion` (WARNING) and the selector rule for Deployment/ReplicaSet/DaemonSet/StatefulSet (ERROR).
 */
export const lintRenderedYaml = (path: string, content: string, kubeVersion: string): ReadonlyArray<LintMessage> => {
  if (content.trim() === '') return []
  const out: LintMessage[] = []
  const indented = topIndent(content)
  if (indented !== undefined)
    out.push(
      warning(
        path,
        `document starts with an illegal indent: ${JSON.stringify(indented)}, which may cause parsing problems`,
      ),
    )
  for (const doc of documents(content)) {
    const parsed = parseYamlDocument(path, doc)
    if (E.isLeft(parsed)) {
      const e = parsed.left
      const text = e._tag === 'YamlParseError' ? e.reason : yamlMessage(e)
      out.push(error(path, `unable to parse YAML: error converting YAML to JSON: ${text}`))
      break
    }
    const v = parsed.right
    if (v === null || v === undefined) continue
    if (typeof v !== 'object' || Array.isArray(v)) {
      const t = Array.isArray(v)
        ? 'array'
        : typeof v === 'string'
          ? 'string'
          : typeof v === 'boolean'
            ? 'bool'
            : 'number'
      out.push(
        error(
          path,
          `unable to parse YAML: error unmarshaling JSON: json: cannot unmarshal ${t} into Go value of type lint.K8sYamlStruct`,
        ),
      )
      break
    }
    const obj = v as Record<string, Value>
    const kind = str(obj.kind ?? null)
    const metadata = (typeof obj.metadata === 'object' && obj.metadata !== null ? obj.metadata : {}) as Record<
      string,
      Value
    >
    const name = str(metadata.name ?? null)
    const nameProblem = checkObjectName(kind, name)
    if (nameProblem !== undefined) out.push(warning(path, nameProblem))
    const deprecated = deprecationWarning(str(obj.apiVersion ?? null), kind, kubeVersion)
    if (deprecated !== undefined) out.push(warning(path, deprecated))
    if (
      ['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet'].includes(kind) &&
      !content.includes('matchLabels') &&
      !content.includes('matchExpressions')
    )
      out.push(
        error(path, `a ${kind} must contain matchLabels or matchExpressions, and ${JSON.stringify(name)} does not`),
      )
  }
  return out
}

import * as E from 'fp-ts/Either'
import type { YamlError } from '../yaml/YamlError'
import type { GoMap } from '../go/Value'
import { parseYamlValues } from '../yaml/Read'
import { mergeMaps } from './MergeMaps'
import { invalidValuesFile, type ValuesError } from './ValuesError'

/**
 * Splits a YAML stream into documents as Kubernetes' YAMLReader does for Helm 4's LoadValues: a line
 * starting with `---` followed by nothing but blanks or a comment ends a document; empty documents
 * are dropped.
 */
export const splitYamlDocuments = (text: string): ReadonlyArray<string> => {
  const docs: string[] = []
  let buf = ''
  for (const line of text.split(/(?<=\n)/)) {
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim()
      if (rest === '' || rest.startsWith('#')) {
        if (buf.length > 0) docs.push(buf)
        buf = ''
        continue
      }
    }
    buf += line
  }
  if (buf.length > 0) docs.push(buf)
  return docs
}

const reasonOf = (e: YamlError): string => {
  switch (e._tag) {
    case 'YamlParseError':
      return `error converting YAML to JSON: ${e.reason}`
    case 'YamlTypeError':
      return e.reason.replace('error unmarshaling JSON: json:', 'error unmarshaling JSON: while decoding JSON: json:')
  }
}

/**
 * Reads a user values file (`-f`) as Helm 4's LoadValues does: every YAML document of the stream is
 * read (YAML 1.1 as Helm reads it, alias bombs refused) and they are merged in order with `mergeMaps`.
 * Fails with InvalidValuesFile naming the file (`failed to parse x.yaml: cannot unmarshal yaml document: ...`).
 */
export const parseValuesFile = (path: string, text: string): E.Either<ValuesError, GoMap> => {
  let out: GoMap = {}
  for (const doc of splitYamlDocuments(text)) {
    const r = parseYamlValues(path, doc)
    if (E.isLeft(r)) return E.left(invalidValuesFile(path, `cannot unmarshal yaml document: ${reasonOf(r.left)}`))
    out = mergeMaps(out, r.right)
  }
  return E.right(out)
}

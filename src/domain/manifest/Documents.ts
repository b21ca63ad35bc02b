import { trimSpace } from '../go/Strings'
import { splitManifests } from './Split'

/** One YAML document of a rendered template. */
export interface RenderedDocument {
  /** Template path, `mychart/templates/deployment.yaml`. */
  readonly path: string
  readonly content: string
}

/**
 * The documents of rendered templates in the order Helm's SortManifests visits them: files by path
 * (code-unit order), partials (`_*`), NOTES.txt and blank files skipped, each file split into trimmed,
 * non-empty documents.
 */
export const renderedDocuments = (files: ReadonlyMap<string, string>): RenderedDocument[] => {
  const out: RenderedDocument[] = []
  for (const path of [...files.keys()].sort()) {
    const base = path.slice(path.lastIndexOf('/') + 1)
    const text = files.get(path) ?? ''
    if (base.startsWith('_') || base === 'NOTES.txt' || trimSpace(text) === '') continue
    for (const content of splitManifests(text)) out.push({ path, content })
  }
  return out
}

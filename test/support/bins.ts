// The executables as users run them: bin/* over the bundles in dist/ (scripts/test.mjs rebuilds dist/ when src/ is
// newer than it), so process-level tests check what ships rather than the sources through tsx.
import { join, resolve } from 'node:path'

export const projectRoot = resolve(import.meta.dirname, '../..')

/** `process.execPath` arguments that start one of the shipped executables. */
export const binArgs = (name: 'helm' | 'tiller' | 'kube-sandbox'): string[] => [join(projectRoot, 'bin', name)]

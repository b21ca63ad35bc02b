import { Buffer } from 'node:buffer'
import * as E from 'fp-ts/Either'
import type { ChartCreateError } from './ChartError'
import { invalidArgument } from '../GeneralError'
import type { Chart, ChartFile } from './Chart'
import { chartToFiles } from './Save'
import { extrasFiles } from './scaffold/Extras'
import { metaFiles } from './scaffold/Meta'
import { workloadFiles } from './scaffold/Workload'

const NAME = /^[a-zA-Z0-9._-]+$/

// The order in which `helm create` writes (and warns about) the scaffold's files.
const ORDER = [
  'Chart.yaml',
  'values.yaml',
  '.helmignore',
  'templates/ingress.yaml',
  'templates/httproute.yaml',
  'templates/deployment.yaml',
  'templates/service.yaml',
  'templates/serviceaccount.yaml',
  'templates/hpa.yaml',
  'templates/NOTES.txt',
  'templates/_helpers.tpl',
  'templates/tests/test-connection.yaml',
]

const rank = (p: string): number => {
  const i = ORDER.indexOf(p)
  return i < 0 ? ORDER.length : i
}

const fill = (text: string, name: string): string => text.split('<CHARTNAME>').join(name)

/** Checks a new chart's name as `helm create` does. Errors: InvalidArgument. */
export const validateChartName = (name: string): E.Either<ChartCreateError, string> =>
  NAME.test(name)
    ? E.right(name)
    : E.left(invalidArgument(`chart name must match the regular expression "${NAME.source}"`))

/**
 * The files of Helm's default scaffold for a chart named `name`, in the order Helm writes them
 * (paths relative to the new chart folder). Errors: InvalidArgument (a name Helm refuses).
 */
export const scaffoldChart = (name: string): E.Either<ChartCreateError, ReadonlyArray<ChartFile>> =>
  E.map((n: string) =>
    [...metaFiles, ...workloadFiles, ...extrasFiles]
      .map(([path, text]) => ({ path, data: Buffer.from(fill(text, n)) }))
      .sort((a, b) => rank(a.path) - rank(b.path)),
  )(validateChartName(name))

/**
 * The files of a new chart made from a starter chart (`helm create -p`): the starter's files with its
 * Chart.yaml name set to `name` and `<CHARTNAME>` replaced in templates and values.yaml.
 * Errors: InvalidArgument.
 */
export const chartFromStarter = (starter: Chart, name: string): E.Either<ChartCreateError, ReadonlyArray<ChartFile>> =>
  E.map((n: string) => {
    const renamed: Chart = {
      ...starter,
      metadata: { ...starter.metadata, name: n },
      rawValues: fill(starter.rawValues, n),
      templates: starter.templates.map((t) => ({
        path: t.path,
        data: Buffer.from(fill(Buffer.from(t.data).toString('utf8'), n)),
      })),
    }
    return chartToFiles(renamed)
  })(validateChartName(name))

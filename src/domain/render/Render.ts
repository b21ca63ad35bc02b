import { validateSchema } from '../values/Schema'
import { renderChartWith } from './RenderCore'

export {
  type RenderEnv,
  type RenderOptions,
  type Rendered,
  type SchemaValidator,
  hasSchema,
  renderChartWith,
  renderFuncs,
} from './RenderCore'

/**
 * Renders a chart as Helm 4 does (see `renderChartWith`), validating values against every
 * values.schema.json of the tree. Errors: ValuesError tags from values/schema, `TemplateFailed`,
 * `RenderLimitExceeded`, `KubeVersionIncompatible`, `InvalidKubeVersion`.
 */
export const renderChart = renderChartWith(validateSchema)

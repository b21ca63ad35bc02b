// static: a dynamic import('fp-ts/Either') bundles as the CommonJS build's default export (E.isRight undefined)
import * as E from 'fp-ts/Either'
import { GetBase } from '../get'
import { Flag } from '../../front/Flag'
import { usage } from '../../HelmCommand'

export default class GetValuesCommand extends GetBase {
  static override paths = [['get', 'values']]
  static override usage = usage({
    use: 'values [flags] RELEASE_NAME',
    short: 'Download the values file for a named release',
    long: `
This command downloads a values file for a given release.
`,
  })
  all = Flag.bool('-a,--all', 'Dump all (computed) values')
  output = Flag.stringDefault('--output', 'yaml', 'Output the specified format (json or yaml)')

  async execute(): Promise<number> {
    // Helm v2 formatValues: yaml (or empty) and json; any other format is refused
    if (this.output !== '' && this.output !== 'yaml' && this.output !== 'json')
      return this.failText(`Unknown output format ${JSON.stringify(this.output)}`)
    const { computedValues } = await import('../../ReleaseText')
    const { parseConfig } = await import('../../../domain/values/Config')
    const { parseYamlValues } = await import('../../../domain/yaml/Read')
    const { GoMap, goJson } = await import('../../output/GoJson')
    const { toYamlString } = await import('../../../domain/yaml/Write')
    return this.showRelease((r) => {
      // v2 reads the user values back (chartutil.ReadValues) and marshals them; Println adds a newline
      const parsed = this.all ? parseYamlValues('values', computedValues(r)) : parseConfig(r.config.raw)
      const values = E.isRight(parsed) ? parsed.right : {}
      if (this.output === 'json') return `${goJson(new GoMap(values as Record<string, unknown>))}\n`
      return `${toYamlString(values as never)}\n`
    })
  }
}

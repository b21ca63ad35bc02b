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
    const { computedValues, structured } = await import('../../ReleaseText')
    const { parseConfig } = await import('../../../domain/values/Config')
    const { parseYamlValues } = await import('../../../domain/yaml/Read')
    return this.showRelease((r) => {
      const yaml = this.all ? computedValues(r) : r.config.raw
      if (this.output !== 'json') return `${yaml}\n`
      const parsed = this.all ? parseYamlValues('values', yaml) : parseConfig(yaml)
      return E.isRight(parsed) ? structured(parsed.right, 'json') : '{}\n'
    })
  }
}

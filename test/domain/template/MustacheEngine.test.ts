import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { mustacheEngine } from '../../../src/domain/template/mustache/MustacheEngine'
import {
  capabilitiesObject,
  type KubeVersion,
  parseKubeVersion,
  releaseObject,
} from '../../../src/domain/template/helm/Capabilities'
import { filesObject } from '../../../src/domain/template/helm/Files'
import { assertLeft, assertRight } from '../../helpers'

const scope = {
  Values: { name: '<a&b>', items: [{ n: 'x' }, { n: 'y' }], on: true },
  Release: releaseObject({ name: 'rel', namespace: 'ns', revision: 2, isInstall: false, isUpgrade: true }),
  Chart: { Name: 'demo', Version: '0.1.0' },
  Capabilities: capabilitiesObject(parseKubeVersion('1.30') as KubeVersion, ['v1']),
  Files: filesObject(new Map([['conf', new TextEncoder().encode('file text')]]), () => ''),
}
const job = (name: string, text: string) => ({
  name: `demo/templates/${name}`,
  text,
  scope,
  basePath: 'demo/templates',
})

const m = suite('mustache engine')
m('should render the same view as gotpl without HTML escaping', () => {
  const out = assertRight(
    mustacheEngine.render(
      [
        job(
          'a.yaml',
          'name: {{Values.name}}\nrel: {{Release.Name}}/{{Release.Namespace}} r{{Release.Revision}} up={{Release.IsUpgrade}}\nkube: {{Capabilities.KubeVersion.Version}}\nfile: {{Files.conf}}\nt: {{Template.Name}}',
        ),
      ],
      { funcs: {}, strict: false },
    ),
  )
  assert.is(
    out.get('demo/templates/a.yaml'),
    'name: <a&b>\nrel: rel/ns r2 up=true\nkube: v1.30\nfile: file text\nt: demo/templates/a.yaml',
  )
})
m('should use _ templates as partials by base name and not render them', () => {
  const out = assertRight(
    mustacheEngine.render(
      [
        job('_item.tpl', '- {{n}}\n'),
        job(
          'list.yaml',
          'items:\n{{#Values.items}}{{> _item}}{{/Values.items}}{{^Values.none}}none: true{{/Values.none}}',
        ),
      ],
      { funcs: {}, strict: false },
    ),
  )
  assert.equal([...out.keys()], ['demo/templates/list.yaml'])
  assert.is(out.get('demo/templates/list.yaml'), 'items:\n- x\n- y\nnone: true')
})
m('should fail with the template name on a broken template', () => {
  const e = assertLeft(mustacheEngine.render([job('bad.yaml', '{{#a}}open')], { funcs: {}, strict: false }))
  assert.is(e._tag, 'TemplateFailed')
  assert.match((e as { text: string }).text, /^template: demo\/templates\/bad.yaml: Unclosed section "a"/)
})
m.run()

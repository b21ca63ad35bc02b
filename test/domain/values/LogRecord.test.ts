import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { slogText } from '../../../src/domain/values/LogRecord'

const text = suite('slogText')
text("should quote only the values slog's text handler quotes", () => {
  assert.is(
    slogText({ level: 'INFO', msg: 'skipping unknown hooks', attrs: [['hookTypes', 'crd-install']] }),
    'level=INFO msg="skipping unknown hooks" hookTypes=crd-install',
  )
  assert.is(
    slogText({
      level: 'WARN',
      msg: 'x',
      attrs: [
        ['a', ''],
        ['b', 'k=v'],
        ['c', 'say "hi"'],
        ['d', 'tab\there'],
        ['e', 'naïve'],
      ],
    }),
    'level=WARN msg=x a="" b="k=v" c="say \\"hi\\"" d="tab\\there" e=naïve',
  )
})
text.run()

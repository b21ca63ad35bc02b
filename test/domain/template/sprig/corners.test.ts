import { goldenSuite } from './golden'

// case conversion, wrapping, toYamlPretty, URLs and Unicode regexps against real Helm 4.1.4
goldenSuite('corners')

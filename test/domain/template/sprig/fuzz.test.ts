import { goldenSuite } from './golden'

// 650 pseudo-random strings (scripts: a seeded generator of quoting/folding corners) through toYaml/toYamlPretty/toJson, against real Helm 4.1.4
goldenSuite('fuzz')

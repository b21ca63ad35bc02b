import { goldenSuite } from './golden'

// fromYaml/fromYamlArray over YAML 1.1 corners, against real Helm 4.1.4
goldenSuite('fromyaml')

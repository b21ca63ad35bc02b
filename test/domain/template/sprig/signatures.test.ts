import { goldenSuite } from './golden'

// argument checking by Go signature (constants converted, values type-checked) against real Helm 4.1.4
goldenSuite('signatures')

import { goldenSuite } from './golden'

// Sprig's dicts functions against real Helm 4.1.4 (test/fixtures/golden/sprig/dicts.*.json)
goldenSuite('dicts')

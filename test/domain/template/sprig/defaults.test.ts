import { goldenSuite } from './golden'

// Sprig's defaults functions against real Helm 4.1.4 (test/fixtures/golden/sprig/defaults.*.json)
goldenSuite('defaults')

import { goldenSuite } from './golden'

// Sprig's numbers functions against real Helm 4.1.4 (test/fixtures/golden/sprig/numbers.*.json)
goldenSuite('numbers')

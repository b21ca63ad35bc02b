import { goldenSuite } from './golden'

// Sprig's lists functions against real Helm 4.1.4 (test/fixtures/golden/sprig/lists.*.json)
goldenSuite('lists')

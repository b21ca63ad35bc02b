import { goldenSuite } from './golden'

// Sprig's encoding functions against real Helm 4.1.4 (test/fixtures/golden/sprig/encoding.*.json)
goldenSuite('encoding')

import { goldenSuite } from '../sprig/golden'

// Sprig's serialize functions against real Helm 4.1.4 (test/fixtures/golden/sprig/serialize.*.json)
goldenSuite('serialize')

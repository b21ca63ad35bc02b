import { goldenSuite } from './golden'

// Sprig's strings functions against real Helm 4.1.4 (test/fixtures/golden/sprig/strings.*.json)
goldenSuite('strings')

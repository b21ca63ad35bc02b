import { goldenSuite } from './golden'

// Sprig's date and semver functions against real Helm 4.1.4 (test/fixtures/golden/sprig/dates.*.json)
goldenSuite('dates')

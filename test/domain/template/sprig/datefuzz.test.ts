import { goldenSuite } from './golden'

// seeded Go layouts, zones, durations and parses (scripts/golden/fuzz-dates.mjs) against real Helm 4.1.4
goldenSuite('datefuzz')

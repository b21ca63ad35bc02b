import { goldenSuite } from './golden'

// Sprig's conversions and math over seeded odd inputs (scripts/golden/fuzz-numbers.mjs) against real Helm 4.1.4
goldenSuite('numberfuzz')

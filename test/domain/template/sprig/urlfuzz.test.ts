import { goldenSuite } from './golden'

// seeded URLs through urlParse/urlJoin (scripts/golden/fuzz-url.mjs) against real Helm 4.1.4
goldenSuite('urlfuzz')

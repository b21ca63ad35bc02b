import { goldenSuite } from './golden'

// 600 seeded semverCompare constraint/version pairs (scripts/golden/fuzz-semver.mjs) against real Helm 4.1.4
goldenSuite('semverfuzz')

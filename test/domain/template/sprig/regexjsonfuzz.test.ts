import { goldenSuite } from './golden'

// seeded RE2 patterns with Go replacement templates and seeded JSON texts (scripts/golden/fuzz-regex-json.mjs) against real Helm 4.1.4
goldenSuite('regexjsonfuzz')

import { goldenSuite } from './golden'

// Sprig's numbers functions against real Helm 4.1.4 (test/fixtures/golden/sprig/numbers.*.json)
// toString: the parser takes the name for Object.prototype's (gotpl's bug, reported)
goldenSuite('numbers', new Set(['toString']))

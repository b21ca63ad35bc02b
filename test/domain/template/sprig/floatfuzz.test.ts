import { goldenSuite } from './golden'

// seeded float64 values through the serialisers and printing (scripts/golden/fuzz-floats.mjs) against real Helm 4.1.4
goldenSuite('floatfuzz')

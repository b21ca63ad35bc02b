import { goldenSuite } from './golden'

// Go's rune-by-rune case mapping and small string corners against real Helm 4.1.4
goldenSuite('unicode')

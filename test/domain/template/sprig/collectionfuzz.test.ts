import { goldenSuite } from './golden'

// merge/mergeOverwrite, list and dict functions and toToml over seeded nested values (scripts/golden/fuzz-collections.mjs) against real Helm 4.1.4
goldenSuite('collectionfuzz')

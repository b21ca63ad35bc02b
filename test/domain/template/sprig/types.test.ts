import { goldenSuite } from './golden'

// the Go types of Sprig's typed results ([]string, []int, map[string]string) against real Helm 4.1.4
goldenSuite('types')

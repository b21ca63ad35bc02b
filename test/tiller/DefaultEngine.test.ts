import { defaultEngine } from '../../src/tiller/embed'
import { chartEngineContract } from '../ports/ChartEngine.contract'

chartEngineContract('in-process (createTiller, dry runs)', () => defaultEngine)

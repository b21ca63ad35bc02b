import type { FuncMap } from './args'
import type { SprigEnv } from './env'
import { conversionFuncs } from './conversion'
import { cryptoFuncs } from './crypto'
import { dateFuncs } from './dates'
import { defaultFuncs } from './defaults'
import { dictFuncs } from './dicts'
import { encodingFuncs } from './encoding'
import { listFuncs } from './lists'
import { mathFuncs } from './math'
import { pathFuncs } from './paths'
import { randomFuncs } from './random'
import { regexFuncs } from './regex'
import { semverFuncs } from './semver'
import { withSprigSignatures } from './signatures'
import { stringFuncs } from './strings'

export type { FuncMap } from './args'

export type { SprigEnv } from './env'

/**
 * Every Sprig v3 function Helm 4 offers (env/expandenv removed; getHostByName answers "" as without --enable-dns), each a GoFunc
 * that validates its arguments and throws GoError with Go's wording. Helm's own functions (toYaml, include,
 * tpl, required, fail, lookup) come from elsewhere and override these names.
 */
export const sprigFuncs = (env: SprigEnv): FuncMap => ({
  ...staticFuncs(),
  ...withSprigSignatures({ ...dateFuncs(env.now), ...randomFuncs(env.randomBytes), ...cryptoFuncs(env) }),
})

// The functions that need neither clock nor randomness are built once per process.
let statics: FuncMap | undefined
const staticFuncs = (): FuncMap =>
  (statics ??= withSprigSignatures({
    ...stringFuncs(),
    ...conversionFuncs(),
    ...mathFuncs(),
    ...listFuncs(),
    ...dictFuncs(),
    ...defaultFuncs(),
    ...encodingFuncs(),
    ...regexFuncs(),
    ...pathFuncs(),
    ...semverFuncs(),
  }))

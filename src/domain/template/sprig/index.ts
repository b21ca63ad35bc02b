import { type GoFunc, withSignature } from '../../go/Value'
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
import { signatureOfName } from './signatures'
import { stringFuncs } from './strings'
import { GROUP_NAMES } from './groups'

export type { FuncMap } from './args'

export type { SprigEnv } from './env'

/**
 * Every Sprig v3 function Helm 4 offers (env/expandenv removed; getHostByName answers "" as without --enable-dns), each a GoFunc
 * that validates its arguments and throws GoError with Go's wording. Helm's own functions (toYaml, include,
 * tpl, required, fail, lookup) come from elsewhere and override these names.
 *
 * Every name exists (with its Go signature) from the start, so an unknown function still fails at parse time;
 * a group's functions are made when one of them is first called (a small chart calls few groups).
 */
export const sprigFuncs = (env: SprigEnv): FuncMap => {
  const funcs: FuncMap = { ...staticFuncs() }
  lazyGroup(funcs, GROUP_NAMES.dates, () => dateFuncs(env.now))
  lazyGroup(funcs, GROUP_NAMES.random, () => randomFuncs(env.randomBytes))
  lazyGroup(funcs, GROUP_NAMES.crypto, () => cryptoFuncs(env))
  return funcs
}

// The functions that need neither clock nor randomness are built once per process.
let statics: FuncMap | undefined
const staticFuncs = (): FuncMap => {
  if (statics !== undefined) return statics
  const funcs: FuncMap = {}
  lazyGroup(funcs, GROUP_NAMES.strings, stringFuncs)
  lazyGroup(funcs, GROUP_NAMES.conversion, conversionFuncs)
  lazyGroup(funcs, GROUP_NAMES.math, mathFuncs)
  lazyGroup(funcs, GROUP_NAMES.lists, listFuncs)
  lazyGroup(funcs, GROUP_NAMES.dicts, dictFuncs)
  lazyGroup(funcs, GROUP_NAMES.defaults, defaultFuncs)
  lazyGroup(funcs, GROUP_NAMES.encoding, encodingFuncs)
  lazyGroup(funcs, GROUP_NAMES.regex, regexFuncs)
  lazyGroup(funcs, GROUP_NAMES.paths, pathFuncs)
  lazyGroup(funcs, GROUP_NAMES.semver, semverFuncs)
  statics = funcs
  return funcs
}

/** Adds a group's names to `into`: each calls the group's function of that name, the group made on first call. */
const lazyGroup = (into: FuncMap, names: ReadonlyArray<string>, make: () => FuncMap): void => {
  let group: FuncMap | undefined
  for (const name of names) {
    const fn: GoFunc = (...args) => (group ??= make())[name](...args)
    const sig = signatureOfName(name)
    into[name] = sig === undefined ? fn : withSignature(fn, sig[0], sig[1])
  }
}

import { type GoFunc, type ParamType, withSignature } from '../../go/Value'
import type { FuncMap } from './args'

type Sig = readonly [ReadonlyArray<ParamType>, ParamType?]

const S = 'string'
const I = 'int'
const A = 'any'
const B = 'bool'
const M = 'map[string]interface {}'
const L = '[]interface {}'

const str1: Sig = [[S]]
const str2: Sig = [[S, S]]
const str3: Sig = [[S, S, S]]
const any1: Sig = [[A]]
const any2: Sig = [[A, A]]
const anyN: Sig = [[], A]

// Sprig v3.3's Go signatures (as Helm 4 registers them); the engine checks arguments against them the way
// text/template does (count, then type: `wrong type for value; expected int; got float64`) and converts
// number constants to the parameter type, so `trunc 2.0 "abc"` passes while a float64 from values fails.
const TABLE: Record<string, Sig> = {
  hello: [[]],
  upper: str1, lower: str1, title: str1, untitle: str1, trim: str1, nospace: str1, initials: str1, swapcase: str1,
  snakecase: str1, kebabcase: str1, camelcase: str1, shuffle: str1, b64enc: str1, b64dec: str1, b32enc: str1, b32dec: str1,
  sha1sum: str1, sha256sum: str1, sha512sum: str1, adler32sum: str1, base: str1, dir: str1, clean: str1, ext: str1, isAbs: str1,
  osBase: str1, osDir: str1, osClean: str1, osExt: str1, osIsAbs: str1, urlParse: str1, getHostByName: str1, regexQuoteMeta: str1,
  semver: str1, atoi: str1, bcrypt: str1, genPrivateKey: str1,
  substr: [[I, I, S]], repeat: [[I, S]], trunc: [[I, S]], abbrev: [[I, S]], abbrevboth: [[I, I, S]], wrap: [[I, S]],
  wrapWith: [[I, S, S]], indent: [[I, S]], nindent: [[I, S]], plural: [[S, S, I]], replace: str3, trimAll: str2, trimall: str2,
  trimSuffix: str2, trimPrefix: str2, contains: str2, hasPrefix: str2, hasSuffix: str2, split: str2, splitList: str2,
  splitn: [[S, I, S]], join: [[S, A]], quote: anyN, squote: anyN, cat: anyN,
  toString: any1, int: any1, int64: any1, float64: any1, toDecimal: any1, toStrings: any1,
  add1: any1, add: anyN, sub: any2, div: any2, mod: any2, mul: [[A], A], max: [[A], A], min: [[A], A], biggest: [[A], A],
  maxf: [[A], A], minf: [[A], A], floor: any1, ceil: any1, round: [[A, I], 'float64'], addf: anyN, add1f: any1,
  subf: [[A], A], mulf: [[A], A], divf: [[A], A], until: [[I]], untilStep: [[I, I, I]], seq: [[], I], randInt: [[I, I]],
  list: anyN, tuple: anyN, push: any2, append: any2, prepend: any2, first: any1, last: any1, rest: any1, initial: any1,
  reverse: any1, uniq: any1, compact: any1, without: [[A], A], has: any2, slice: [[A], A], concat: anyN, chunk: [[I, A]],
  sortAlpha: any1,
  dict: anyN, get: [[M, S]], set: [[M, S, A]], unset: [[M, S]], hasKey: [[M, S]], pluck: [[S], M], keys: [[], M],
  values: [[M]], pick: [[M], S], omit: [[M], S], dig: anyN, merge: [[M], M], mergeOverwrite: [[M], M], deepCopy: any1,
  default: [[A], A], empty: any1, coalesce: anyN, all: anyN, any: anyN, ternary: [[A, A, B]], typeOf: any1,
  typeIs: [[S, A]], typeIsLike: [[S, A]], kindOf: any1, kindIs: [[S, A]], deepEqual: any2,
  regexMatch: str2, regexFindAll: [[S, S, I]], regexFind: str2, regexReplaceAll: str3, regexReplaceAllLiteral: str3,
  regexSplit: [[S, S, I]], semverCompare: str2,
  now: [[]], date: [[S, A]], dateInZone: [[S, A, S]], date_in_zone: [[S, A, S]], htmlDate: any1, htmlDateInZone: [[A, S]],
  ago: any1, toDate: str2, unixEpoch: any1, dateModify: [[S, A]], date_modify: [[S, A]], duration: any1,
  durationRound: any1,
  randAlphaNum: [[I]], randAlpha: [[I]], randNumeric: [[I]], randAscii: [[I]], randBytes: [[I]], uuidv4: [[]],
  genCA: [[S, I]], genCAWithKey: [[S, I, S]], genSelfSignedCert: [[S, L, L, I]], genSelfSignedCertWithKey: [[S, L, L, I, S]],
  genSignedCert: [[S, L, L, I, A]], genSignedCertWithKey: [[S, L, L, I, A, S]], buildCustomCert: str2,
  derivePassword: [[A, S, S, S, S]], htpasswd: str2, encryptAES: str2, decryptAES: str2,
}

// the must* variants share their function's signature
const signatureOfName = (name: string): Sig | undefined => {
  if (TABLE[name] !== undefined) return TABLE[name]
  if (name === 'must_date_modify') return TABLE.dateModify
  const m = /^must([A-Z].*)$/.exec(name)
  return m === null ? undefined : TABLE[m[1][0].toLowerCase() + m[1].slice(1)]
}

/** Declares Sprig's Go signatures on a function map (the functions are mutated and returned in place). */
export const withSprigSignatures = (funcs: FuncMap): FuncMap => {
  for (const [name, fn] of Object.entries(funcs)) {
    const sig = signatureOfName(name)
    if (sig !== undefined) withSignature(fn as GoFunc, sig[0], sig[1])
  }
  return funcs
}

/**
 * The Go value model that the template engine, Sprig, Helm's functions and values all share.
 *
 * | Go                         | here                                                        |
 * | -------------------------- | ----------------------------------------------------------- |
 * | nil (interface{}(nil))     | `null` (`undefined` is read as nil too, never produced)     |
 * | bool, string               | `boolean`, `string` (Go strings are UTF-8 bytes: use `utf8Length` etc. where Go counts bytes) |
 * | float64                    | `number` (values.yaml, fromYaml, fromJson give float64)     |
 * | int, int64, uint8, ...     | `GoInt` (template literals are `int`, `--set` and Sprig math give `int64`, `index "abc" 0` gives `uint8`) |
 * | []interface{}              | `Array` (readonly by convention: functions copy, never mutate arguments, except Sprig's documented mutators `set`/`unset`/`merge`/...) |
 * | map[string]interface{}     | a plain object (`isGoMap`); iterate with `sortedKeys`, never in JS order |
 * | []byte                     | `Uint8Array`                                                |
 * | structs, time, Files, ...  | a `GoStruct` (fields and methods looked up by name)         |
 * | complex128                 | `GoComplex` (a GoStruct without fields)                      |
 * | func                       | `GoFunc` (only through `call`)                               |
 */
export type Value =
  | null
  | undefined
  | boolean
  | string
  | number
  | GoInt
  | Uint8Array
  | GoStruct
  | GoFunc
  | ValueArray
  | GoMap

export interface ValueArray extends Array<Value> {}
export interface GoMap {
  [key: string]: Value
}

/** Go's integer kinds that templates meet. */
export type IntKind = 'int' | 'int64' | 'int32' | 'uint8' | 'uint' | 'uint64' | 'int8' | 'int16' | 'uint16' | 'uint32'

/** A Go integer of a given kind; `value` is always within the kind's range. */
export class GoInt {
  constructor(
    readonly value: bigint,
    readonly kind: IntKind = 'int',
  ) {}
  toString(): string {
    return this.value.toString()
  }
}

export const int = (n: number | bigint): GoInt => new GoInt(BigInt(n), 'int')
export const int64 = (n: number | bigint): GoInt => new GoInt(BigInt(n), 'int64')

/** A function callable from templates: Go values in, one Go value out; failures throw `GoError`. */
export type GoFunc = (...args: Value[]) => Value

/**
 * A Go struct or other value with fields and methods (`.Files`, `.Capabilities`, `.Chart`, `time.Time`).
 * `field` answers `undefined` when the struct has no such field (the engine then reports
 * "can't evaluate field X in type T"); `method` likewise. Methods win over fields, as in Go.
 */
export interface GoStruct {
  readonly goType: string
  field(name: string): { readonly value: Value } | undefined
  method(name: string): GoFunc | undefined
  /** How `%v` / `{{ . }}` prints it; defaults to Go's `{f1 f2}` struct form when absent. */
  format?(): string
  /**
   * What `{{ . }}` prints when it differs from `%v`: text/template calls a String method of the pointer when
   * the value is an addressable struct field (`.Capabilities.KubeVersion`), while `print` gets a copy.
   */
  printString?(): string
}

/**
 * A Go complex128 (template constants `1.5i`, `1+2i`): a struct-like value with no fields or methods that
 * prints as fmt prints complex numbers, `(1+2i)`.
 */
export class GoComplex implements GoStruct {
  readonly goType = 'complex128'
  constructor(
    readonly re: number,
    readonly im: number,
  ) {}
  field(): undefined {
    return undefined
  }
  method(): undefined {
    return undefined
  }
}

/** A failure inside a function; the engine wraps it as `error calling NAME: <message>`. */
export class GoError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'GoError'
  }
}

export const isGoInt = (v: Value): v is GoInt => v instanceof GoInt
export const isGoStruct = (v: Value): v is GoStruct =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  !(v instanceof Uint8Array) &&
  !(v instanceof GoInt) &&
  'goType' in v &&
  typeof (v as GoStruct).field === 'function'
export const isGoMap = (v: Value): v is GoMap =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  !(v instanceof Uint8Array) &&
  !(v instanceof GoInt) &&
  !isGoStruct(v)
export const isNil = (v: Value): v is null | undefined => v === null || v === undefined

/** Map keys in Go's `fmtsort` order for string keys (byte-wise), as `range` and `%v` visit them. */
export const sortedKeys = (m: GoMap): string[] => Object.keys(m).sort(compareBytes)

/** Compares two strings by their UTF-8 bytes (Go's string order). */
export const compareBytes = (a: string, b: string): number => {
  if (a === b) return 0
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x === y) continue
    // below the surrogates, UTF-16 code unit order is UTF-8 byte order
    if (x < 0xd800 && y < 0xd800) return x < y ? -1 : 1
    return Buffer.compare(Buffer.from(a.slice(i), 'utf8'), Buffer.from(b.slice(i), 'utf8'))
  }
  return a.length - b.length < 0 ? -1 : 1
}

/** Length of a string in UTF-8 bytes (Go's `len`). */
export const utf8Length = (s: string): number => Buffer.byteLength(s, 'utf8')

/**
 * Methods of a map value (Go: a named map type such as `chartutil.Values` with `YAML`, `AsMap`...).
 * Attach with `withMethods`; the engine looks a method up before the map key, as Go does. The
 * property is a non-enumerable symbol, so copies and iteration see only the map's entries.
 */
export const goMethods: unique symbol = Symbol.for('wheelhouse.gotpl.methods')

/** Attaches methods to a map (mutates and returns it). */
export const withMethods = <M extends GoMap>(m: M, methods: Readonly<Record<string, GoFunc>>): M => {
  Object.defineProperty(m, goMethods, { value: methods, enumerable: false, configurable: true })
  return m
}

/** The methods attached to a map with `withMethods`, if any. */
export const methodsOf = (m: GoMap): Readonly<Record<string, GoFunc>> | undefined =>
  (m as { [goMethods]?: Readonly<Record<string, GoFunc>> })[goMethods]

/**
 * Go parameter types a function can declare. The engine then checks arguments the way Go's reflection
 * does (`wrong number of args for f: want 2 got 1`, `wrong type for value; expected int; got float64`,
 * `invalid value; expected string`) and converts number literals to the parameter type.
 * `any` is `interface {}`.
 */
export type ParamType =
  | 'any'
  | 'string'
  | 'bool'
  | 'float64'
  | 'int'
  | 'int64'
  | 'uint8'
  | '[]interface {}'
  | 'map[string]interface {}'
  | '[]string'
  /** Go's builtins take reflect.Value: like `any`, but an invalid value (a nil pipeline result) stays `undefined`. */
  | 'reflect.Value'

/** A Go function signature: fixed parameters, then an optional variadic element type. */
export interface GoSignature {
  readonly params: ReadonlyArray<ParamType>
  readonly variadic?: ParamType
}

export const goSignature: unique symbol = Symbol.for('wheelhouse.gotpl.signature')

/** Declares the Go signature of a function (mutates and returns it). Without one, a function is `func(...interface {})`. */
export const withSignature = <F extends GoFunc>(fn: F, params: ReadonlyArray<ParamType>, variadic?: ParamType): F => {
  Object.defineProperty(fn, goSignature, { value: { params, variadic }, enumerable: false, configurable: true })
  return fn
}

/** The signature declared with `withSignature`, if any. */
export const signatureOf = (fn: GoFunc): GoSignature | undefined => (fn as { [goSignature]?: GoSignature })[goSignature]

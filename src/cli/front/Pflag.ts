import { quote, quoteRune } from '../../domain/go/Strconv'
import type { FlagSpec } from './Flag'

/**
 * spf13/pflag's parser (v1.0.5, the version Helm v2.17 vendors) over a set of flag declarations:
 * `--flag value`, `--flag=value`, `-f value`, `-fvalue`, `-f=value`, combined shorthands (`-qa`), booleans
 * that take no value but accept `--flag=false`, `--` ending the flags, flags after positional arguments
 * (interspersed), and its error texts (`unknown flag: --x`, `unknown shorthand flag: 'x' in -x`,
 * `flag needs an argument: --x`, `invalid argument "abc" for "-m, --max" flag: strconv.ParseInt: ...`).
 */

/** One flag of a set and the value it holds while parsing. */
interface Slot {
  readonly spec: FlagSpec
  value: unknown
  changed: boolean
}

export interface Parsed {
  /** Each flag's value by long name (its default when not given). */
  readonly values: ReadonlyMap<string, unknown>
  /** The long names of the flags given on the command line. */
  readonly changed: ReadonlySet<string>
  /** The positional arguments, in order (those after `--` included). */
  readonly args: ReadonlyArray<string>
  /** Lines pflag prints while parsing (deprecated flags). */
  readonly notices: ReadonlyArray<string>
}

export class FlagSet {
  private readonly formal = new Map<string, FlagSpec>()
  private readonly shorthands = new Map<string, FlagSpec>()

  constructor(readonly specs: ReadonlyArray<FlagSpec>) {
    for (const s of specs) {
      this.formal.set(s.name, s)
      for (const a of s.aliases) this.formal.set(a, s)
      if (s.shorthand !== undefined) this.shorthands.set(s.shorthand, s)
      for (const a of s.shortAliases ?? []) this.shorthands.set(a, s)
    }
  }

  lookup(name: string): FlagSpec | undefined {
    return this.formal.get(name)
  }

  shorthand(letter: string): FlagSpec | undefined {
    return this.shorthands.get(letter)
  }

  /** Whether `--NAME` takes no value (pflag NoOptDefVal: booleans). */
  noOptDefVal(name: string): boolean {
    return this.formal.get(name)?.type === 'bool'
  }

  /** Whether the shorthand that begins `letters` takes no value. */
  shortNoOptDefVal(letters: string): boolean {
    return letters.length > 0 && this.shorthands.get(letters.charAt(0))?.type === 'bool'
  }

  /** pflag `FlagSet.Parse`: Right with the values, or Left with the error text (without `Error: `). */
  parse(
    argv: ReadonlyArray<string>,
    env: Readonly<Record<string, string | undefined>> = {},
  ): { readonly error: string } | Parsed {
    const slots = new Map<FlagSpec, Slot>()
    for (const spec of this.specs) slots.set(spec, { spec, value: initialValue(spec), changed: false })
    const args: string[] = []
    const notices: string[] = []
    const set = (spec: FlagSpec, raw: string): string | undefined => {
      const slot = slots.get(spec)!
      const next = setValue(spec, slot, raw)
      if (typeof next === 'object' && next !== null && 'error' in next) {
        const name = spec.shorthand !== undefined ? `-${spec.shorthand}, --${spec.name}` : `--${spec.name}`
        return `invalid argument ${quote(raw)} for ${quote(name)} flag: ${next.error}`
      }
      slot.value = next
      slot.changed = true
      if (spec.deprecated !== undefined) notices.push(`Flag --${spec.name} has been deprecated, ${spec.deprecated}`)
      return undefined
    }
    let rest = [...argv]
    while (rest.length > 0) {
      const s = rest.shift() as string
      if (s.length <= 1 || !s.startsWith('-')) {
        args.push(s)
        continue
      }
      if (s === '--') {
        args.push(...rest)
        break
      }
      if (s.startsWith('--')) {
        const name = s.slice(2)
        if (name === '' || name.startsWith('-') || name.startsWith('=')) return { error: `bad flag syntax: ${s}` }
        const eq = name.indexOf('=')
        const flagName = eq < 0 ? name : name.slice(0, eq)
        const spec = this.formal.get(flagName)
        if (!spec) return { error: `unknown flag: --${flagName}` }
        let value: string
        if (eq >= 0) value = name.slice(eq + 1)
        else if (spec.type === 'bool') value = 'true'
        else if (rest.length > 0) value = rest.shift() as string
        else return { error: `flag needs an argument: ${s}` }
        const err = set(spec, value)
        if (err !== undefined) return { error: err }
        continue
      }
      // shorthands: "-abc" is -a -b -c until one takes a value (the rest of the word, or the next word)
      let letters = s.slice(1)
      const following = rest
      while (letters.length > 0) {
        const c = letters.charAt(0)
        const spec = this.shorthands.get(c)
        if (!spec) return { error: `unknown shorthand flag: ${quoteRune(c.codePointAt(0) ?? 0)} in -${letters}` }
        let value: string
        if (letters.length > 2 && letters.charAt(1) === '=') {
          value = letters.slice(2)
          letters = ''
        } else if (spec.type === 'bool') {
          value = 'true'
          letters = letters.slice(1)
        } else if (letters.length > 1) {
          value = letters.slice(1)
          letters = ''
        } else if (following.length > 0) {
          // pflag reads the value from the words after the whole group ("-ab x": b takes x)
          value = following[0] as string
          rest = following.slice(1)
          letters = ''
        } else return { error: `flag needs an argument: ${quoteRune(c.codePointAt(0) ?? 0)} in -${letters}` }
        const err = set(spec, value)
        if (err !== undefined) return { error: err }
      }
    }
    const values = new Map<string, unknown>()
    const changed = new Set<string>()
    // Helm v2 `setFlagFromEnv`: a flag not given takes its environment variable (a bad value is ignored)
    for (const slot of slots.values()) {
      const fromEnv = slot.spec.env === undefined ? undefined : env[slot.spec.env]
      if (slot.changed || fromEnv === undefined) continue
      const next = setValue(slot.spec, slot, fromEnv)
      if (!(typeof next === 'object' && next !== null && 'error' in next)) slot.value = next
    }
    for (const slot of slots.values()) {
      values.set(slot.spec.name, slot.value)
      if (slot.changed) changed.add(slot.spec.name)
    }
    return { values, changed, args, notices }
  }
}

const initialValue = (spec: FlagSpec): unknown => (Array.isArray(spec.initial) ? [...spec.initial] : spec.initial)

/** pflag `Value.Set` of each type: the new value, or `{ error }` with the strconv error text. */
const setValue = (spec: FlagSpec, slot: Slot, raw: string): unknown => {
  switch (spec.type) {
    case 'bool':
      return goParseBool(raw)
    case 'string':
      return raw
    case 'int':
    case 'int64': {
      const n = goParseInt(raw, 64)
      return typeof n === 'object' && spec.durations ? (durationSeconds(raw) ?? n) : n
    }
    case 'int32':
      return goParseInt(raw, 32)
    case 'uint':
      return goParseUint(raw, 64)
    case 'uint32':
      return goParseUint(raw, 32)
    case 'stringArray':
      return slot.changed ? [...(slot.value as string[]), raw] : [raw]
    case 'valueFiles':
      return [...(slot.value as string[]), ...raw.split(',')]
    case 'OutputFormat':
      return raw === 'json' || raw === 'yaml' ? raw : { error: `unknown output format ${quote(raw)}` }
  }
}

// a Go duration (time.ParseDuration: h, m, s, ms, us, µs, ns, fractions) in whole seconds, if `raw` is one
const durationSeconds = (raw: string): number | undefined => {
  const unit: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, µs: 1e-6, μs: 1e-6, ns: 1e-9 }
  const body = raw.replace(/^[+-]/, '')
  const parts = [...body.matchAll(/(\d+\.?\d*|\.\d+)(h|ms|m|s|us|\u00b5s|\u03bcs|ns)/g)]
  if (body === '0') return 0
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== body) return undefined
  const total = parts.reduce((sum, p) => sum + Number(p[1]) * (unit[p[2] as string] as number), 0)
  return Math.round(raw.startsWith('-') ? -total : total)
}

/** Go `strconv.ParseBool`. */
export const goParseBool = (s: string): boolean | { error: string } => {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false
  return { error: `strconv.ParseBool: parsing ${quote(s)}: invalid syntax` }
}

/** Go `strconv.ParseInt(s, 0, bits)`: an optional sign, then `ParseUint`'s digits. */
export const goParseInt = (s: string, bits: 32 | 64): number | { error: string } => {
  const fail = (what: string) => ({ error: `strconv.ParseInt: parsing ${quote(s)}: ${what}` })
  if (s === '') return fail('invalid syntax')
  const neg = s.startsWith('-')
  const u = unsigned(s.startsWith('-') || s.startsWith('+') ? s.slice(1) : s, bits)
  if (u === 'syntax') return fail('invalid syntax')
  const cutoff = 2n ** BigInt(bits - 1)
  if (u === 'range' || (neg ? u > cutoff : u >= cutoff)) return fail('value out of range')
  return Number(neg ? -u : u)
}

/** Go `strconv.ParseUint(s, 0, bits)` (no sign allowed). */
export const goParseUint = (s: string, bits: 32 | 64): number | { error: string } => {
  const u = unsigned(s, bits)
  if (typeof u === 'bigint') return Number(u)
  return { error: `strconv.ParseUint: parsing ${quote(s)}: ${u === 'range' ? 'value out of range' : 'invalid syntax'}` }
}

// Go's ParseUint with base 0: 0b/0o/0x prefixes (3+ characters), a leading 0 is octal, '_' between digits;
// overflow is reported as soon as it happens (before a later bad digit)
const unsigned = (s0: string, bits: number): bigint | 'syntax' | 'range' => {
  if (s0 === '') return 'syntax'
  let s = s0
  let base = 10
  if (s[0] === '0') {
    const p = s.length >= 3 ? (s[1] as string).toLowerCase() : ''
    base = p === 'b' ? 2 : p === 'o' ? 8 : p === 'x' ? 16 : 8
    s = s.slice(p === 'b' || p === 'o' || p === 'x' ? 2 : 1)
  }
  const max = 2n ** BigInt(bits) - 1n
  let n = 0n
  let underscores = false
  for (const ch of s) {
    if (ch === '_') {
      underscores = true
      continue
    }
    const c = ch.toLowerCase()
    const d = c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c >= 'a' && c <= 'z' ? c.charCodeAt(0) - 87 : 99
    if (d >= base) return 'syntax'
    n = n * BigInt(base) + BigInt(d)
    if (n > max) return 'range'
  }
  return underscores && !underscoreOK(s0) ? 'syntax' : n
}

// Go's strconv.underscoreOK: each '_' between digits (a base prefix counts as a digit)
const underscoreOK = (s0: string): boolean => {
  let s = s0
  let saw = '^'
  let i = 0
  if (s.startsWith('-') || s.startsWith('+')) s = s.slice(1)
  let hex = false
  if (s.length >= 2 && s[0] === '0' && 'box'.includes((s[1] as string).toLowerCase())) {
    i = 2
    saw = '0'
    hex = (s[1] as string).toLowerCase() === 'x'
  }
  for (; i < s.length; i++) {
    const c = s[i] as string
    if ((c >= '0' && c <= '9') || (hex && c.toLowerCase() >= 'a' && c.toLowerCase() <= 'f')) {
      saw = '0'
      continue
    }
    if (c === '_') {
      if (saw !== '0') return false
      saw = '_'
      continue
    }
    if (saw === '_') return false
    saw = '!'
  }
  return saw !== '_'
}

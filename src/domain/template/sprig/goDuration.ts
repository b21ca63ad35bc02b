import { GoError } from '../../go/Value'

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  µs: 1000n,
  μs: 1000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
}

/** Go's `time.ParseDuration` ("1h30m", "-1.5s", "300ms"); throws GoError with Go's text. */
export const parseDuration = (s: string): bigint => {
  const orig = s
  const bad = (): never => {
    throw new GoError(`time: invalid duration ${JSON.stringify(orig)}`)
  }
  let neg = false
  if (s.startsWith('-') || s.startsWith('+')) {
    neg = s[0] === '-'
    s = s.slice(1)
  }
  if (s === '0') return 0n
  if (s === '') bad()
  let total = 0n
  while (s !== '') {
    const m = /^([0-9]*)(?:\.([0-9]*))?([^0-9.]*)/.exec(s)!
    if ((m[1] === '' && (m[2] ?? '') === '') || m[3] === '') {
      if (m[3] === '' && (m[1] !== '' || m[2] !== undefined))
        throw new GoError(`time: missing unit in duration ${JSON.stringify(orig)}`)
      bad()
    }
    const unit = UNITS[m[3]]
    if (unit === undefined)
      throw new GoError(`time: unknown unit ${JSON.stringify(m[3])} in duration ${JSON.stringify(orig)}`)
    const frac = m[2] ?? ''
    total +=
      BigInt(m[1] === '' ? 0 : m[1]) * unit + (frac === '' ? 0n : (BigInt(frac) * unit) / 10n ** BigInt(frac.length))
    s = s.slice(m[0].length)
  }
  return neg ? -total : total
}

const fracText = (v: bigint, digits: number): string => {
  const s = v.toString().padStart(digits, '0').replace(/0+$/, '')
  return s === '' ? '' : '.' + s
}

/** Go's `Duration.String()`: "1h1m40s", "1.5s", "300ms", "0s". */
export const durationString = (d: bigint): string => {
  if (d === 0n) return '0s'
  const neg = d < 0n
  const u = neg ? -d : d
  let out: string
  if (u < 1_000_000_000n) {
    if (u < 1000n) out = `${u}ns`
    else if (u < 1_000_000n) out = `${u / 1000n}${fracText(u % 1000n, 3)}µs`
    else out = `${u / 1_000_000n}${fracText(u % 1_000_000n, 6)}ms`
  } else {
    const h = u / 3_600_000_000_000n
    const m = (u / 60_000_000_000n) % 60n
    const sec = (u / 1_000_000_000n) % 60n
    out = `${h > 0n ? `${h}h` : ''}${h > 0n || m > 0n ? `${m}m` : ''}${sec}${fracText(u % 1_000_000_000n, 9)}s`
  }
  return (neg ? '-' : '') + out
}

// Go's time.Time as encoding/json writes and reads it (time.RFC3339Nano), over release/Release's Timestamp.
import type { Timestamp } from '../Release'

/** A time as a Helm 3/4 record spells it: the instant and the zone offset it was written in (minutes east of UTC). */
export interface GoTime {
  readonly at: Timestamp
  readonly offsetMinutes: number
}

/** Go's zero time.Time, which `schemamodtime` (no omitzero) holds when Helm never set it. */
export const goZeroTime = '0001-01-01T00:00:00Z'

const pad = (n: number, w: number): string => String(n).padStart(w, '0')

// days from 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil), valid for years 1…9999
const daysFromCivil = (y: number, m: number, d: number): number => {
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

const civilFromDays = (z0: number): [number, number, number] => {
  const z = z0 + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp + (mp < 10 ? 3 : -9)
  return [era * 400 + yoe + (m <= 2 ? 1 : 0), m, d]
}

const daysIn = (y: number, m: number): number =>
  m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31

/**
 * Go's `t.Format(time.RFC3339Nano)` (what `json.Marshal` of a time.Time writes, quotes aside): the fraction
 * without trailing zeros (none when zero), `Z` for a zero offset. Undefined for years outside 0…9999, which
 * Go's MarshalJSON refuses.
 */
export const formatGoTime = (t: GoTime): string | undefined => {
  const local = t.at.seconds + t.offsetMinutes * 60
  const days = Math.floor(local / 86400)
  const secs = local - days * 86400
  const [y, mo, d] = civilFromDays(days)
  if (y < 0 || y > 9999) return undefined
  const frac = t.at.nanos === 0 ? '' : `.${pad(t.at.nanos, 9).replace(/0+$/, '')}`
  const off = t.offsetMinutes
  const zone =
    off === 0 ? 'Z' : `${off < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(off) / 60), 2)}:${pad(Math.abs(off) % 60, 2)}`
  return `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(Math.floor(secs / 3600), 2)}:${pad(Math.floor((secs % 3600) / 60), 2)}:${pad(secs % 60, 2)}${frac}${zone}`
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:(Z)|([+-])(\d{2}):(\d{2}))$/

/**
 * Go's `time.Time.UnmarshalJSON` (strict RFC 3339: four-digit year, `T`, seconds, a fraction of 1–9 digits,
 * `Z` or an offset of at most 23:59), undefined for anything else.
 */
export const parseGoTime = (s: string): GoTime | undefined => {
  const m = RFC3339.exec(s)
  if (m === null) return undefined
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number]
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || se > 59) return undefined
  let offsetMinutes = 0
  if (m[8] !== 'Z') {
    const oh = Number(m[10])
    const om = Number(m[11])
    if (oh > 23 || om > 59) return undefined
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om)
  }
  const nanos = m[7] === undefined ? 0 : Number(m[7].padEnd(9, '0'))
  const seconds = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - offsetMinutes * 60
  return { at: { seconds, nanos }, offsetMinutes }
}

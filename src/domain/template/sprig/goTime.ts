import { type GoStruct, type Value, GoError, GoInt, isGoStruct } from '../../go/Value'

/**
 * Go's time.Time for templates: an instant (Unix nanoseconds) in a zone (offset and abbreviation), with
 * Go's reference-time layouts ("2006-01-02T15:04:05Z07:00") for Format and Parse.
 */
export interface GoTime {
  readonly ns: bigint
  readonly offset: number
  readonly zone: string
}

const NS = 1_000_000_000n
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

/** An instant in UTC; and the instant of a JS Date (millisecond precision). */
export const utc = (ns: bigint): GoTime => ({ ns, offset: 0, zone: 'UTC' })
export const fromDate = (d: Date): GoTime => utc(BigInt(d.getTime()) * 1_000_000n)

const floorDiv = (a: bigint, b: bigint): bigint => (a >= 0n ? a / b : -((-a + b - 1n) / b))

/** Calendar fields of the instant in its zone. */
const fields = (t: GoTime) => {
  const secs = floorDiv(t.ns, NS) + BigInt(t.offset)
  const nanos = Number(t.ns - floorDiv(t.ns, NS) * NS)
  const d = new Date(Number(secs) * 1000)
  const start = Date.UTC(d.getUTCFullYear(), 0, 1)
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    nanos,
    weekday: d.getUTCDay(),
    yday: Math.floor((d.getTime() - start) / 86_400_000) + 1,
  }
}

/** Offset and abbreviation of an IANA zone at an instant ("Local" is UTC, as in Helm's containers). */
export const inZone = (t: GoTime, zone: string): GoTime => {
  if (zone === 'UTC' || zone === 'Local' || zone === '') return { ns: t.ns, offset: 0, zone: 'UTC' }
  const at = new Date(Number(floorDiv(t.ns, 1_000_000n)))
  let fmt: Intl.DateTimeFormat
  try {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
  } catch {
    return { ns: t.ns, offset: 0, zone: 'UTC' }
  }
  const off = fmt.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT'
  const m = /GMT([+-])(\d\d):(\d\d)/.exec(off)
  const offset = m === null ? 0 : (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60)
  const short = (loc: string): string =>
    new Intl.DateTimeFormat(loc, { timeZone: zone, timeZoneName: 'short' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? ''
  // Go prints the tz database abbreviation; ICU knows them per region, so ask a few English locales
  let abbrev = ''
  for (const loc of ['en-US', 'en-GB', 'en-IN', 'en-AU']) {
    abbrev = short(loc)
    if (abbrev !== '' && !/^GMT[+-]/.test(abbrev)) break
  }
  if (/^GMT[+-]/.test(abbrev) || abbrev === '') abbrev = numericZone(offset)
  return { ns: t.ns, offset, zone: abbrev }
}

// Go names a zone without an abbreviation by its offset: "+04", "+0530".
const numericZone = (offset: number): string => {
  const sign = offset < 0 ? '-' : '+'
  const a = Math.abs(offset)
  const h = String(Math.floor(a / 3600)).padStart(2, '0')
  const mm = Math.floor((a % 3600) / 60)
  return sign + h + (mm === 0 ? '' : String(mm).padStart(2, '0'))
}

const pad = (n: number, w: number, c = '0'): string => String(n).padStart(w, c)

// "Jan" and "Mon" followed by a lower-case letter are plain text (Go's startsWithLowerCase rule)
const STD =
  /^(January|Jan(?![a-z])|Monday|Mon(?![a-z])|MST|002|__2|_2006|_2|01|02|03|04|05|06|15|1|2006|2|3|4|5|PM|pm|-070000|-07:00:00|-0700|-07:00|-07|Z070000|Z07:00:00|Z0700|Z07:00|Z07|[.,](?:0+|9+)(?![0-9]))/

/** Splits a Go layout into literal text and std tokens. */
export const tokens = (layout: string): Array<{ std: string } | { lit: string }> => {
  const out: Array<{ std: string } | { lit: string }> = []
  let lit = ''
  for (let i = 0; i < layout.length; ) {
    const m = STD.exec(layout.slice(i))
    // "_2006" is "_" followed by a year; ".0"-style fractions only after a seconds field in Go, accepted anywhere here
    if (m !== null) {
      if (lit !== '') out.push({ lit })
      lit = ''
      if (m[1] === '_2006') {
        out.push({ lit: '_' }, { std: '2006' })
      } else out.push({ std: m[1] })
      i += m[1].length
    } else lit += layout[i++]
  }
  if (lit !== '') out.push({ lit })
  return out
}

const zoneText = (offset: number, std: string): string => {
  if (std.startsWith('Z') && offset === 0) return 'Z'
  const sign = offset < 0 ? '-' : '+'
  const a = Math.abs(offset)
  const h = pad(Math.floor(a / 3600), 2)
  const m = pad(Math.floor((a % 3600) / 60), 2)
  const s = pad(a % 60, 2)
  const kind = std.replace(/^Z/, '-')
  switch (kind) {
    case '-07':
      return sign + h
    case '-0700':
      return sign + h + m
    case '-07:00':
      return sign + h + ':' + m
    case '-070000':
      return sign + h + m + s
    default:
      return sign + h + ':' + m + ':' + s
  }
}

/** Go's `Time.Format(layout)`. */
export const format = (t: GoTime, layout: string): string => {
  const f = fields(t)
  let out = ''
  for (const tok of tokens(layout)) {
    if ('lit' in tok) {
      out += tok.lit
      continue
    }
    const s = tok.std
    switch (s) {
      case 'January':
        out += MONTHS[f.month - 1]
        break
      case 'Jan':
        out += MONTHS[f.month - 1].slice(0, 3)
        break
      case 'Monday':
        out += DAYS[f.weekday]
        break
      case 'Mon':
        out += DAYS[f.weekday].slice(0, 3)
        break
      case 'MST':
        out += t.zone
        break
      case '002':
        out += pad(f.yday, 3)
        break
      case '__2':
        out += pad(f.yday, 3, ' ')
        break
      case '_2':
        out += pad(f.day, 2, ' ')
        break
      case '01':
        out += pad(f.month, 2)
        break
      case '02':
        out += pad(f.day, 2)
        break
      case '03':
        out += pad(f.hour % 12 === 0 ? 12 : f.hour % 12, 2)
        break
      case '04':
        out += pad(f.minute, 2)
        break
      case '05':
        out += pad(f.second, 2)
        break
      case '06':
        out += pad(f.year % 100, 2)
        break
      case '15':
        out += pad(f.hour, 2)
        break
      case '1':
        out += f.month
        break
      case '2006':
        out += pad(f.year, 4)
        break
      case '2':
        out += f.day
        break
      case '3':
        out += f.hour % 12 === 0 ? 12 : f.hour % 12
        break
      case '4':
        out += f.minute
        break
      case '5':
        out += f.second
        break
      case 'PM':
        out += f.hour >= 12 ? 'PM' : 'AM'
        break
      case 'pm':
        out += f.hour >= 12 ? 'pm' : 'am'
        break
      default:
        if (/^[-Z]/.test(s)) out += zoneText(t.offset, s)
        else {
          // fractional seconds: .000 keeps zeros, .999 trims them (and the dot when nothing is left)
          const digits = pad(f.nanos, 9).slice(0, s.length - 1)
          if (s[1] === '0') out += s[0] + digits
          else {
            const trimmed = digits.replace(/0+$/, '')
            if (trimmed !== '') out += s[0] + trimmed
          }
        }
    }
  }
  return out
}

/** Go's `Time.String()`: "2006-01-02 15:04:05.999999999 -0700 MST". */
export const timeString = (t: GoTime): string => format(t, '2006-01-02 15:04:05.999999999 -0700 MST')

const TIME_TYPE = 'time.Time'

interface TimeStruct extends GoStruct {
  readonly time: GoTime
}

/** The time inside a `time.Time` value, or undefined. */
export const timeOf = (v: Value): GoTime | undefined =>
  isGoStruct(v) && v.goType === TIME_TYPE ? (v as TimeStruct).time : undefined

/** A `time.Time` as templates see it (Format, Unix, Year, ..., String; JSON as RFC 3339). */
export const timeStruct = (t: GoTime): TimeStruct => {
  const f = () => fields(t)
  const methods: Record<string, (...a: Value[]) => Value> = {
    Format: (layout) => {
      if (typeof layout !== 'string') throw new GoError('wrong type for value; expected string')
      return format(t, layout)
    },
    Unix: () => new GoInt(floorDiv(t.ns, NS), 'int64'),
    UnixNano: () => new GoInt(t.ns, 'int64'),
    UnixMilli: () => new GoInt(floorDiv(t.ns, 1_000_000n), 'int64'),
    Year: () => new GoInt(BigInt(f().year), 'int'),
    Month: () => MONTHS[f().month - 1],
    Day: () => new GoInt(BigInt(f().day), 'int'),
    Hour: () => new GoInt(BigInt(f().hour), 'int'),
    Minute: () => new GoInt(BigInt(f().minute), 'int'),
    Second: () => new GoInt(BigInt(f().second), 'int'),
    Nanosecond: () => new GoInt(BigInt(f().nanos), 'int'),
    YearDay: () => new GoInt(BigInt(f().yday), 'int'),
    Weekday: () => DAYS[f().weekday],
    UTC: () => timeStruct(utc(t.ns)),
    Local: () => timeStruct(utc(t.ns)),
    IsZero: () => t.ns === ZERO_NS,
    String: () => timeString(t),
    MarshalJSON: () => format(t, '2006-01-02T15:04:05.999999999Z07:00'),
  }
  return { goType: TIME_TYPE, time: t, field: () => undefined, method: (n) => methods[n], format: () => timeString(t) }
}

/** Unix nanoseconds of Go's zero time (0001-01-01 00:00:00 UTC). */
export const ZERO_NS = -62135596800n * NS

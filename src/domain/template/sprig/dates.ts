import { type Value, GoError, GoInt } from '../../go/Value'
import { type FuncMap, str, want, wantAtLeast } from './args'
import { durationString, parseDuration } from './goDuration'
import { parseTime } from './goTimeParse'
import { type GoTime, ZERO_NS, format, fromDate, inZone, timeOf, timeStruct, utc } from './goTime'

const NS = 1_000_000_000n

// Sprig's dateInZone: a time.Time, or Unix seconds given as int/int64/int32; anything else means now.
const instant = (v: Value, now: () => Date): GoTime => {
  const t = timeOf(v)
  if (t !== undefined) return t
  if (v instanceof GoInt && (v.kind === 'int' || v.kind === 'int64' || v.kind === 'int32')) return utc(v.value * NS)
  return fromDate(now())
}

const timeArg = (v: Value): GoTime => {
  const t = timeOf(v)
  if (t === undefined)
    throw new GoError(
      `wrong type for value; expected time.Time; got ${v === null || v === undefined ? 'interface {}' : typeof v === 'string' ? 'string' : 'float64'}`,
    )
  return t
}

const YEAR = 3_600_000_000_000n * 24n * 365n
const MONTH = 3_600_000_000_000n * 24n * 30n
const DAY = 3_600_000_000_000n * 24n
const HOUR = 3_600_000_000_000n
const MINUTE = 60_000_000_000n

const roundDuration = (d: bigint): string => {
  const u = d < 0n ? -d : d
  if (u > YEAR) return `${u / YEAR}y`
  if (u > MONTH) return `${u / MONTH}mo`
  if (u > DAY) return `${u / DAY}d`
  if (u > HOUR) return `${u / HOUR}h`
  if (u > MINUTE) return `${u / MINUTE}m`
  if (u > NS) return `${u / NS}s`
  return '0s'
}

// Go's Duration.Round(time.Second): half away from zero.
const roundToSecond = (d: bigint): bigint => {
  const r = d % NS
  const lo = d - r
  if (d >= 0n) return r + r < NS ? lo : lo + NS
  return -r - r < NS ? lo : lo - NS
}

const nowNs = (now: () => Date): bigint => BigInt(now().getTime()) * 1_000_000n

/** Sprig's date functions on Go layouts; `now` comes from the caller's clock and "Local" is UTC. */
export const dateFuncs = (now: () => Date): FuncMap => {
  const dateInZone = (layout: Value, date: Value, zone: Value): string =>
    format(inZone(instant(date, now), str(zone)), str(layout))
  const modify =
    (must: boolean) =>
    (...a: Value[]): Value => {
      want(must ? 'mustDateModify' : 'dateModify', a, 2)
      const t = timeArg(a[1])
      try {
        return timeStruct({ ...t, ns: t.ns + parseDuration(str(a[0])) })
      } catch (e) {
        if (must) throw e
        return timeStruct(t)
      }
    }
  const toDate =
    (must: boolean) =>
    (...a: Value[]): Value => {
      want(must ? 'mustToDate' : 'toDate', a, 2)
      try {
        return timeStruct(parseTime(str(a[0]), str(a[1])))
      } catch (e) {
        if (must) throw e
        return timeStruct(utc(ZERO_NS))
      }
    }
  return {
    now: (...a) => {
      want('now', a, 0)
      return timeStruct(fromDate(now()))
    },
    date: (...a) => {
      want('date', a, 2)
      return dateInZone(a[0], a[1], 'Local')
    },
    dateInZone: (...a) => {
      want('dateInZone', a, 3)
      return dateInZone(a[0], a[1], a[2])
    },
    date_in_zone: (...a) => {
      want('date_in_zone', a, 3)
      return dateInZone(a[0], a[1], a[2])
    },
    htmlDate: (...a) => {
      want('htmlDate', a, 1)
      return dateInZone('2006-01-02', a[0], 'Local')
    },
    htmlDateInZone: (...a) => {
      want('htmlDateInZone', a, 2)
      return dateInZone('2006-01-02', a[0], a[1])
    },
    ago: (...a) => {
      want('ago', a, 1)
      return durationString(roundToSecond(nowNs(now) - instant(a[0], now).ns))
    },
    dateModify: modify(false),
    date_modify: modify(false),
    mustDateModify: modify(true),
    must_date_modify: modify(true),
    toDate: toDate(false),
    mustToDate: toDate(true),
    unixEpoch: (...a) => {
      want('unixEpoch', a, 1)
      const t = timeArg(a[0])
      return String(t.ns >= 0n ? t.ns / NS : -((-t.ns + NS - 1n) / NS))
    },
    // Sprig's duration takes a string of seconds or an int64; other types (even int) count as 0
    duration: (...a) => {
      want('duration', a, 1)
      const v = a[0]
      let n = 0n
      if (typeof v === 'string') n = /^[+-]?[0-9]+$/.test(v) ? BigInt(v) : 0n
      else if (v instanceof GoInt && v.kind === 'int64') n = v.value
      return durationString(n * NS)
    },
    durationRound: (...a) => {
      wantAtLeast('durationRound', a, 1)
      const v = a[0]
      let d = 0n
      if (typeof v === 'string') {
        try {
          d = parseDuration(v)
        } catch {
          d = 0n
        }
      } else if (v instanceof GoInt && v.kind === 'int64') d = v.value
      else if (timeOf(v) !== undefined) d = nowNs(now) - timeOf(v)!.ns
      return roundDuration(d)
    },
  }
}

import { GoError } from '../../go/Value'
import { type GoTime, tokens } from './goTime'

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

const FRAC = /^[.,](0+|9+)$/

/** Go's `time.ParseInLocation(layout, value, UTC)` for every layout element; throws GoError with Go's text. */
export const parseTime = (layout: string, value: string): GoTime => {
  const fail = (): never => {
    throw new GoError(
      `parsing time ${JSON.stringify(value)} as ${JSON.stringify(layout)}: cannot parse ${JSON.stringify(value)} as ${JSON.stringify(layout)}`,
    )
  }
  let rest = value
  // elements missing from the layout are zero (the year) or one (month, day)
  let year = 0
  let month = -1
  let day = -1
  let yday = -1
  let hour = 0
  let minute = 0
  let second = 0
  let nanos = 0
  let pm: boolean | undefined
  let offset: number | undefined
  const num = (min: number, max: number): number => {
    const m = new RegExp(`^[0-9]{${min},${max}}`).exec(rest)
    if (m === null) fail()
    rest = rest.slice(m![0].length)
    return Number(m![0])
  }
  const word = (list: string[], short: boolean): number => {
    const i = list.findIndex((w) => rest.toLowerCase().startsWith((short ? w.slice(0, 3) : w).toLowerCase()))
    if (i === -1) fail()
    rest = rest.slice(short ? 3 : list[i].length)
    return i
  }
  const fraction = (digits: string): void => {
    nanos = Number(digits.slice(0, 9).padEnd(9, '0'))
  }
  const toks = tokens(layout)
  for (let k = 0; k < toks.length; k++) {
    const tok = toks[k]
    if ('lit' in tok) {
      if (!rest.startsWith(tok.lit)) fail()
      rest = rest.slice(tok.lit.length)
      continue
    }
    const s = tok.std
    switch (s) {
      case 'January':
        month = word(MONTHS, false) + 1
        break
      case 'Jan':
        month = word(MONTHS, true) + 1
        break
      case 'Monday':
        word(DAYS, false)
        break
      case 'Mon':
        word(DAYS, true)
        break
      case '2006':
        year = num(4, 4)
        break
      case '06':
        year = 1900 + num(2, 2)
        if (year < 1969) year += 100
        break
      case '01':
        month = num(2, 2)
        break
      case '1':
        month = num(1, 2)
        break
      case '02':
        day = num(2, 2)
        break
      case '2':
        day = num(1, 2)
        break
      case '_2':
        if (rest.startsWith(' ')) rest = rest.slice(1)
        day = num(1, 2)
        break
      case '002':
        yday = num(3, 3)
        break
      case '__2':
        rest = rest.replace(/^ {1,2}/, '')
        yday = num(1, 3)
        break
      case '15':
        hour = num(1, 2)
        break
      case '03':
        hour = num(2, 2)
        break
      case '3':
        hour = num(1, 2)
        break
      case '04':
        minute = num(2, 2)
        break
      case '4':
        minute = num(1, 2)
        break
      case '05':
        second = num(2, 2)
        break
      case '5':
        second = num(1, 2)
        break
      case 'PM':
      case 'pm': {
        const m = /^(AM|PM|am|pm)/.exec(rest)
        if (m === null) fail()
        pm = m![1].toUpperCase() === 'PM'
        rest = rest.slice(2)
        break
      }
      case 'MST': {
        const m = /^(UTC|[A-Z]{3,5}|[+-][0-9]{2,4})/.exec(rest)
        if (m === null) fail()
        rest = rest.slice(m![1].length)
        if (m![1] === 'UTC') offset = 0
        break
      }
      default:
        if (/^[-Z]/.test(s)) {
          if (s[0] === 'Z' && rest.startsWith('Z')) {
            rest = rest.slice(1)
            offset = 0
            break
          }
          // each zone element has one exact shape: ±hh, ±hhmm, ±hh:mm, ±hhmmss, ±hh:mm:ss
          const shape = s.slice(1).replace(/[0-9]/g, 'd')
          const re = new RegExp('^[+-]' + shape.replace(/d/g, '[0-9]'))
          const m = re.exec(rest)
          if (m === null) fail()
          const d = m![0].replace(/[^0-9]/g, '')
          rest = rest.slice(m![0].length)
          // Go allows 24 hours and 60 minutes or seconds (some write them), not more
          const range = [Number(d.slice(0, 2)) > 24, Number(d.slice(2, 4) || 0) > 60, Number(d.slice(4, 6) || 0) > 60]
          const what = ['hour', 'minute', 'second'].filter((_, i) => range[i]).pop()
          if (what !== undefined)
            throw new GoError(`parsing time ${JSON.stringify(value)}: time zone offset ${what} out of range`)
          offset =
            (m![0][0] === '-' ? -1 : 1) *
            (Number(d.slice(0, 2)) * 3600 + Number(d.slice(2, 4) || 0) * 60 + Number(d.slice(4, 6) || 0))
        } else if (FRAC.test(s)) {
          if (s[1] === '0') {
            // .000: exactly that many digits
            const m = new RegExp(`^[.,]([0-9]{${s.length - 1}})`).exec(rest)
            if (m === null) fail()
            rest = rest.slice(m![0].length)
            fraction(m![1])
          } else {
            const m = /^[.,]([0-9]+)/.exec(rest)
            if (m === null) break
            rest = rest.slice(m[0].length)
            fraction(m[1])
          }
        }
    }
    // a fraction right after the seconds is read even when the layout has none (unless a fraction element follows)
    if ((s === '05' || s === '5') && /^[.,][0-9]/.test(rest)) {
      const nextTok = toks[k + 1]
      if (!(nextTok !== undefined && 'std' in nextTok && FRAC.test(nextTok.std))) {
        const m = /^[.,]([0-9]+)/.exec(rest)!
        rest = rest.slice(m[0].length)
        fraction(m[1])
      }
    }
  }
  if (rest !== '') throw new GoError(`parsing time ${JSON.stringify(value)}: extra text: ${JSON.stringify(rest)}`)
  if (pm !== undefined) {
    if (pm && hour < 12) hour += 12
    if (!pm && hour === 12) hour = 0
  }
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  if (yday >= 0) {
    if (yday < 1 || yday > (leap ? 366 : 365))
      throw new GoError(`parsing time ${JSON.stringify(value)}: day-of-year out of range`)
    const d = new Date(0)
    d.setUTCFullYear(year, 0, yday)
    if (month >= 0 && month !== d.getUTCMonth() + 1)
      throw new GoError(`parsing time ${JSON.stringify(value)}: day-of-year does not match month`)
    if (day >= 0 && day !== d.getUTCDate())
      throw new GoError(`parsing time ${JSON.stringify(value)}: day-of-year does not match day`)
    month = d.getUTCMonth() + 1
    day = d.getUTCDate()
  }
  if (month < 0) month = 1
  if (day < 0) day = 1
  const fixed = new Date(0)
  fixed.setUTCFullYear(year, month - 1, day)
  if (month < 1 || month > 12 || fixed.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59)
    throw new GoError(`parsing time ${JSON.stringify(value)}: day out of range`)
  fixed.setUTCHours(hour, minute, second, 0)
  const off = offset ?? 0
  const ns = (BigInt(fixed.getTime()) / 1000n - BigInt(off)) * 1_000_000_000n + BigInt(nanos)
  return { ns, offset: off, zone: off === 0 ? 'UTC' : zoneName(off) }
}

const zoneName = (offset: number): string => {
  const sign = offset < 0 ? '-' : '+'
  const a = Math.abs(offset)
  return sign + String(Math.floor(a / 3600)).padStart(2, '0') + String(Math.floor((a % 3600) / 60)).padStart(2, '0')
}

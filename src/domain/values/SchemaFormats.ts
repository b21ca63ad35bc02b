// The `format` checks santhosh-tekuri/jsonschema v6 asserts for draft-04..07 schemas, each returning
// the reason v6 prints (`'x' is not valid email: missing @`), or undefined when the string conforms.

type Check = (s: string) => string | undefined

const ipv4: Check = (s) => {
  const groups = s.split('.')
  if (groups.length !== 4) return 'expected four decimals'
  for (const g of groups) {
    if (g.length > 1 && g[0] === '0') return 'leading zeros'
    if (!/^[+-]?\d+$/.test(g)) return `strconv.Atoi: parsing "${g}": invalid syntax`
    const n = Number(g)
    if (n < 0 || n > 255) return 'decimal must be between 0 and 255'
  }
  return undefined
}

const IPV6 =
  /^(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}:){0,7}:(?:[0-9a-f]{1,4}:){0,7}[0-9a-f]{0,4}|(?:[0-9a-f]{1,4}:){6}\d+\.\d+\.\d+\.\d+|(?:[0-9a-f]{1,4}:){0,5}:(?:[0-9a-f]{1,4}:){0,5}\d+\.\d+\.\d+\.\d+)$/i

const ipv6: Check = (s) => {
  if (!s.includes(':')) return 'missing colon'
  if (s.includes('%')) return 'zone id is not a part of ipv6 address'
  return IPV6.test(s) && (s.match(/::/g) ?? []).length <= 1
    ? undefined
    : `ParseAddr(${JSON.stringify(s)}): unable to parse IP`
}

const hostname: Check = (s) => {
  const h = s.endsWith('.') ? s.slice(0, -1) : s
  if (h.length > 253) return 'more than 253 characters long'
  for (const label of h.split('.')) {
    if (label.length < 1 || label.length > 63) return 'label must be 1 to 63 characters long'
    if (label.startsWith('-')) return 'label starts with hyphen'
    if (label.endsWith('-')) return 'label ends with hyphen'
    for (const ch of label)
      if (!/[a-zA-Z0-9-]/.test(ch)) return `invalid character ${JSON.stringify(ch).replace(/^"|"$/g, "'")}`
  }
  return undefined
}

const email: Check = (s) => {
  if (s.length > 254) return 'more than 255 characters long'
  const at = s.lastIndexOf('@')
  if (at < 0) return 'missing @'
  const local = s.slice(0, at)
  let domain = s.slice(at + 1)
  if (local.length > 64) return 'local part more than 64 characters long'
  if (local.length > 1 && local.startsWith('"') && local.endsWith('"')) {
    if (/[\\"]/.test(local.slice(1, -1))) return 'backslash and quote are not allowed within quoted local part'
  } else {
    if (local.startsWith('.')) return 'starts with dot'
    if (local.endsWith('.')) return 'ends with dot'
    if (local.includes('..')) return 'consecutive dots'
    for (const ch of local) if (!/[a-zA-Z0-9.!#$%&'*+\-/=?^_`{|}~]/.test(ch)) return `invalid character '${ch}'`
  }
  if (domain.startsWith('[') && domain.endsWith(']')) {
    domain = domain.slice(1, -1)
    if (domain.startsWith('IPv6:')) {
      const r = ipv6(domain.slice(5))
      return r === undefined ? undefined : `invalid ipv6 address: ${r}`
    }
    const r = ipv4(domain)
    return r === undefined ? undefined : `invalid ipv4 address: ${r}`
  }
  const r = hostname(domain)
  return r === undefined ? undefined : `invalid domain: ${r}`
}

const daysIn = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate()

const date: Check = (s) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return `parsing time ${JSON.stringify(s)} as "2006-01-02": cannot parse ${JSON.stringify(s)} as "2006"`
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (mo < 1 || mo > 12) return `parsing time ${JSON.stringify(s)}: month out of range`
  if (d < 1 || d > daysIn(y, mo)) return `parsing time ${JSON.stringify(s)}: day out of range`
  return undefined
}

const time: Check = (str) => {
  if (str.length < 9) return 'less than 9 characters long'
  if (str[2] !== ':' || str[5] !== ':') return 'missing colon in correct place'
  const hms = str.slice(0, 8).split(':')
  if (hms.some((t) => !/^\d+$/.test(t))) return 'invalid hour/min/sec'
  const [h, m, sec] = hms.map(Number) as [number, number, number]
  if (h > 23 || m > 59 || sec > 60) return 'hour/min/sec out of range'
  let rest = str.slice(8)
  if (rest.startsWith('.')) {
    const digits = /^\d*/.exec(rest.slice(1))?.[0] ?? ''
    if (digits.length === 0) return 'no digits in second fraction'
    rest = rest.slice(1 + digits.length)
  }
  let hh = h
  let mm = m
  if (rest !== 'z' && rest !== 'Z') {
    if (rest.length !== 6) return 'offset must be 6 characters long'
    const sign = rest[0] === '+' ? -1 : rest[0] === '-' ? 1 : 0
    if (sign === 0) return 'offset must begin with plus/minus'
    if (rest[3] !== ':') return 'missing colon in offset in correct place'
    const [zh, zm] = rest.slice(1).split(':').map(Number) as [number, number]
    if (Number.isNaN(zh) || Number.isNaN(zm)) return 'invalid hour/min in offset'
    if (zh > 23 || zm > 59) return 'hour/min in offset out of range'
    let hm = h * 60 + m + sign * (zh * 60 + zm)
    if (hm < 0) hm += 24 * 60
    hh = Math.floor(hm / 60)
    mm = hm % 60
  }
  if (sec >= 60 && (hh !== 23 || mm !== 59)) return 'invalid leap second'
  return undefined
}

const dateTime: Check = (s) => {
  if (s.length < 20) return 'less than 20 characters long'
  if (s[10] !== 't' && s[10] !== 'T') return '11th character must be t or T'
  const d = date(s.slice(0, 10))
  if (d !== undefined) return `invalid date element: ${d}`
  const t = time(s.slice(11))
  return t === undefined ? undefined : `invalid time element: ${t}`
}

const uuid: Check = (s) => {
  const groups = s.split('-')
  const sizes = [8, 4, 4, 4, 12]
  if (groups.length !== sizes.length) return `must have ${sizes.length} elements`
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i] as string
    if (g.length !== sizes[i]) return `element ${i + 1} must be ${sizes[i]} characters long`
    const bad = Array.from(g).find((ch) => !/[0-9a-fA-F]/.test(ch))
    if (bad !== undefined) return `non-hex character '${bad}'`
  }
  return undefined
}

const uri: Check = (s) => {
  if (/[^\x00-\x7f]/.test(s)) return 'has unescaped non-ASCII characters'
  if (/[<>" {}|\\^`]/.test(s)) return 'has illegal ASCII characters'
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(s) ? undefined : 'relative url'
}

/** The checks by format name. */
export const formatChecks: Readonly<Record<string, Check>> = {
  email,
  hostname,
  ipv4,
  ipv6,
  date,
  time,
  'date-time': dateTime,
  uuid,
  uri,
}

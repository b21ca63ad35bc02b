/**
 * The slice of shopspring/decimal that Sprig's float math (`addf`, `subf`, `mulf`, `divf`) uses:
 * a float64 becomes its shortest decimal text, arithmetic is exact, division rounds to 16 places.
 */
interface Decimal {
  readonly coef: bigint
  readonly exp: number
}

/** `decimal.NewFromFloat`: the shortest decimal that reads back as `f`. */
export const fromFloat = (f: number): Decimal => {
  if (Number.isNaN(f)) throw new RangeError('Cannot create a Decimal from NaN')
  if (!Number.isFinite(f)) throw new RangeError(`Cannot create a Decimal from ${f > 0 ? '+Inf' : '-Inf'}`)
  if (f === 0) return { coef: 0n, exp: 0 }
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(f.toExponential())!
  const digits = m[2] + (m[3] ?? '')
  return { coef: BigInt(m[1] + digits), exp: Number(m[4]) - (digits.length - 1) }
}

const align = (a: Decimal, b: Decimal): [bigint, bigint, number] => {
  const exp = Math.min(a.exp, b.exp)
  return [a.coef * 10n ** BigInt(a.exp - exp), b.coef * 10n ** BigInt(b.exp - exp), exp]
}

/** Exact sum, difference and product. */
export const add = (a: Decimal, b: Decimal): Decimal => {
  const [x, y, exp] = align(a, b)
  return { coef: x + y, exp }
}
export const sub = (a: Decimal, b: Decimal): Decimal => {
  const [x, y, exp] = align(a, b)
  return { coef: x - y, exp }
}
export const mul = (a: Decimal, b: Decimal): Decimal => ({ coef: a.coef * b.coef, exp: a.exp + b.exp })

/** `d.Div(d2)`: `DivRound(d2, 16)`, half away from zero; a zero divisor panics in Go ("decimal division by 0"). */
export const div = (a: Decimal, b: Decimal): Decimal => {
  if (b.coef === 0n) throw new RangeError('decimal division by 0')
  const places = 16
  // a / b = (a.coef / b.coef) * 10^(a.exp - b.exp); scale so the quotient has `places` decimals plus one guard digit
  const shift = places + 1 + a.exp - b.exp
  let num = a.coef
  let den = b.coef
  if (shift >= 0) num *= 10n ** BigInt(shift)
  else den *= 10n ** BigInt(-shift)
  const neg = num < 0n !== den < 0n
  const q = (num < 0n ? -num : num) / (den < 0n ? -den : den)
  const rounded = q / 10n + (q % 10n >= 5n ? 1n : 0n)
  return { coef: neg ? -rounded : rounded, exp: -places }
}

/** `d.Float64()`: the nearest float64 to the decimal. */
export const toFloat = (d: Decimal): number => Number(`${d.coef}e${d.exp}`)

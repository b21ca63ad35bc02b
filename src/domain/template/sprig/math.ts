import { type Value, GoError, GoInt } from '../../go/Value'
import { type FuncMap, int, want, wantAtLeast } from './args'
import { toFloat64, toInt64, wrap64 } from './conversion'
import * as D from './decimal'
import { typed } from '../../go/Collections'
import { charge } from '../../go/Budget'

const i64 = (n: bigint): GoInt => new GoInt(wrap64(n), 'int64')

const divZero = (): GoError => new GoError('runtime error: integer divide by zero')

const decimalOp =
  (
    name: string,
    op: (a: ReturnType<typeof D.fromFloat>, b: ReturnType<typeof D.fromFloat>) => ReturnType<typeof D.fromFloat>,
    min = 1,
  ) =>
  (...a: Value[]): Value => {
    wantAtLeast(name, a, min)
    try {
      let acc = D.fromFloat(toFloat64(a[0]))
      for (const x of a.slice(1)) acc = op(acc, D.fromFloat(toFloat64(x)))
      return D.toFloat(acc)
    } catch (e) {
      if (e instanceof RangeError) throw new GoError(e.message)
      throw e
    }
  }

// Go's math.Round / math.Floor semantics for Sprig's round(a, p, rOpt...).
const round = (a: number, p: number, r: number): number => {
  const pow = 10 ** p
  const digit = pow * a
  const div = digit - Math.trunc(digit)
  // math.Modf keeps the sign of the fraction
  const rounder = div >= r ? Math.ceil(digit) : Math.floor(digit)
  return rounder / pow
}

/** Sprig's integer math (int64 results, arguments truncated: `add 1.9 1.9` = 2) and decimal float math (`addf 0.1 0.2` = 0.3). */
export const mathFuncs = (): FuncMap => ({
  add1: (...a) => {
    want('add1', a, 1)
    return i64(toInt64(a[0]) + 1n)
  },
  add: (...a) => i64(a.reduce<bigint>((s, x) => s + toInt64(x), 0n)),
  sub: (...a) => {
    want('sub', a, 2)
    return i64(toInt64(a[0]) - toInt64(a[1]))
  },
  div: (...a) => {
    want('div', a, 2)
    const d = toInt64(a[1])
    if (d === 0n) throw divZero()
    return i64(toInt64(a[0]) / d)
  },
  mod: (...a) => {
    want('mod', a, 2)
    const d = toInt64(a[1])
    if (d === 0n) throw divZero()
    return i64(toInt64(a[0]) % d)
  },
  mul: (...a) => {
    wantAtLeast('mul', a, 1)
    return i64(a.slice(1).reduce<bigint>((s, x) => wrap64(s * toInt64(x)), toInt64(a[0])))
  },
  max: (...a) => {
    wantAtLeast('max', a, 1)
    return i64(a.slice(1).reduce<bigint>((m, x) => (toInt64(x) > m ? toInt64(x) : m), toInt64(a[0])))
  },
  biggest: (...a) => {
    wantAtLeast('biggest', a, 1)
    return i64(a.slice(1).reduce<bigint>((m, x) => (toInt64(x) > m ? toInt64(x) : m), toInt64(a[0])))
  },
  min: (...a) => {
    wantAtLeast('min', a, 1)
    return i64(a.slice(1).reduce<bigint>((m, x) => (toInt64(x) < m ? toInt64(x) : m), toInt64(a[0])))
  },
  maxf: (...a) => {
    wantAtLeast('maxf', a, 1)
    return a.slice(1).reduce<number>((m, x) => Math.max(m, toFloat64(x)), toFloat64(a[0]))
  },
  minf: (...a) => {
    wantAtLeast('minf', a, 1)
    return a.slice(1).reduce<number>((m, x) => Math.min(m, toFloat64(x)), toFloat64(a[0]))
  },
  add1f: (...a) => {
    want('add1f', a, 1)
    return decimalOp('add1f', D.add)(a[0], 1)
  },
  addf: (...a) => decimalOp('addf', D.add, 0)(0, ...a),
  subf: decimalOp('subf', D.sub),
  mulf: decimalOp('mulf', D.mul),
  divf: decimalOp('divf', D.div),
  floor: (...a) => {
    want('floor', a, 1)
    return Math.floor(toFloat64(a[0]))
  },
  ceil: (...a) => {
    want('ceil', a, 1)
    return Math.ceil(toFloat64(a[0]))
  },
  round: (...a) => {
    wantAtLeast('round', a, 2)
    const r = a.length > 2 ? toFloat64(a[2]) : 0.5
    return round(toFloat64(a[0]), int(a[1]), r)
  },
  until: (...a) => {
    want('until', a, 1)
    const n = int(a[0])
    return untilStep(0, n, n < 0 ? -1 : 1)
  },
  untilStep: (...a) => {
    want('untilStep', a, 3)
    return untilStep(int(a[0]), int(a[1]), int(a[2]))
  },
  seq: (...a) => seq(a.map(int)),
})

/** Sprig's `untilStep`: a Go []int from start towards stop (exclusive); a step of the wrong sign gives []. */
export const untilStep = (start: number, stop: number, step: number): Value[] => {
  const out: Value[] = typed([], '[]int')
  // the list is charged to the render's budget before it is built (`until 100000000` would need gigabytes)
  if (step !== 0 && (stop - start) / step > 0) charge(Math.ceil((stop - start) / step) * 64)
  if (stop < start) {
    if (step >= 0) return out
    for (let i = start; i > stop; i += step) out.push(new GoInt(BigInt(i), 'int'))
    return out
  }
  if (step <= 0) return out
  for (let i = start; i < stop; i += step) out.push(new GoInt(BigInt(i), 'int'))
  return out
}

// Sprig's seq mirrors the Unix `seq` command and returns its output as one string.
const seq = (params: number[]): string => {
  const run = (start: number, end: number, step: number, inc: number): string =>
    untilStep(start, end + inc, step)
      .map(String)
      .join(' ')
  switch (params.length) {
    case 0:
      return ''
    case 1:
      return run(1, params[0], params[0] < 1 ? -1 : 1, params[0] < 1 ? -1 : 1)
    case 2:
      return run(params[0], params[1], params[1] < params[0] ? -1 : 1, params[1] < params[0] ? -1 : 1)
    case 3: {
      const [start, step, end] = params
      if (end < start && step > 0) return ''
      return run(start, end, step, end < start ? -1 : 1)
    }
    default:
      return ''
  }
}

import { type Value, GoError, GoInt } from '../../go/Value'
import { type FuncMap, int, str, want } from './args'
import { charge, chargeSteps } from '../../go/Budget'

const ALPHA = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'
const DIGITS = '0123456789'
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('')

/** Uniform integers in [0, n) drawn from the caller's byte source (rejection sampling on 32-bit words). */
export const randomIndex =
  (randomBytes: (n: number) => Uint8Array) =>
  (n: number): number => {
    if (n <= 1) return 0
    const limit = Math.floor(0x1_0000_0000 / n) * n
    let x = 0
    for (let tries = 0; tries < 64; tries++) {
      const b = randomBytes(4)
      x = ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0
      if (x < limit) break
    }
    return x % n
  }

/** Sprig's random functions (randAlphaNum, uuidv4, shuffle, ...), all fed by the caller's `randomBytes`. */
export const randomFuncs = (randomBytes: (n: number) => Uint8Array): FuncMap => {
  const index = randomIndex(randomBytes)
  const pick =
    (name: string, alphabet: string) =>
    (...a: Value[]): Value => {
      want(name, a, 1)
      const n = int(a[0])
      if (n < 0) throw new GoError(`Count cannot be negative.`)
      chargeSteps(n) // each character draws random bytes: slow work, charged as steps before it starts
      charge(n * 2)
      let out = ''
      for (let i = 0; i < n; i++) out += alphabet[index(alphabet.length)]
      return out
    }
  return {
    randAlphaNum: pick('randAlphaNum', ALPHA + DIGITS),
    randAlpha: pick('randAlpha', ALPHA),
    randNumeric: pick('randNumeric', DIGITS),
    randAscii: pick('randAscii', ASCII),
    randInt: (...a) => {
      want('randInt', a, 2)
      const [min, max] = [int(a[0]), int(a[1])]
      if (max - min <= 0) throw new GoError('invalid argument to Intn')
      return new GoInt(BigInt(index(max - min) + min), 'int')
    },
    randBytes: (...a) => {
      want('randBytes', a, 1)
      const n = int(a[0])
      if (n < 0) throw new GoError('runtime error: makeslice: len out of range')
      charge(n * 3)
      return Buffer.from(randomBytes(n)).toString('base64')
    },
    uuidv4: (...a) => {
      want('uuidv4', a, 0)
      const b = Buffer.from(randomBytes(16))
      b[6] = (b[6] & 0x0f) | 0x40
      b[8] = (b[8] & 0x3f) | 0x80
      const h = b.toString('hex')
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
    },
    shuffle: (...a) => {
      want('shuffle', a, 1)
      const cps = Array.from(str(a[0]))
      for (let i = cps.length - 1; i > 0; i--) {
        const j = index(i + 1)
        ;[cps[i], cps[j]] = [cps[j], cps[i]]
      }
      return cps.join('')
    },
  }
}

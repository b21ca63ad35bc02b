import * as t from 'io-ts'
import { scalarAsString } from '../yaml/Target'

/** A Go string field as ghodss fills it from YAML (see `scalarAsString`). */
export const GoString = new t.Type<string, string, unknown>(
  'string',
  (u): u is string => typeof u === 'string',
  (u, c) => {
    const s = scalarAsString(u)
    return s === undefined ? t.failure(u, c) : t.success(s)
  },
  t.identity,
)

/** A Go bool field: only a YAML boolean decodes (json.Unmarshal refuses a string). */
export const GoBool = t.boolean

/** A Go field that YAML `null` leaves at its zero value: null decodes as undefined. */
export const nullable = <A, O>(c: t.Type<A, O, unknown>): t.Type<A | undefined, O | undefined, unknown> =>
  new t.Type<A | undefined, O | undefined, unknown>(
    c.name,
    (u): u is A | undefined => u === undefined || c.is(u),
    (u, ctx) => (u === null || u === undefined ? t.success(undefined) : c.validate(u, ctx)),
    (a) => (a === undefined ? undefined : c.encode(a)),
  )

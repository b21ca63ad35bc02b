/** A message table for one area's error union; the mapped type makes it exhaustive over that area's tags. */
export type Messages<U extends { readonly _tag: string }> = {
  readonly [K in U['_tag']]: (e: Extract<U, { _tag: K }>) => string
}

/** Builds the message table of one area (kept apart from errors.ts so areas do not import it in a cycle). */
export const defineMessages = <U extends { readonly _tag: string }>(m: Messages<U>): Messages<U> => m

/** The message function of a table: the user-facing text of any error of its union. */
export const messageWith =
  <U extends { readonly _tag: string }>(m: Messages<U>) =>
  (e: U): string =>
    (m[e._tag as U['_tag']] as (e: U) => string)(e)

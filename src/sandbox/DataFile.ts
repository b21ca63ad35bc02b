// The files of a sandbox's data folder (state.json, journal.jsonl lines, certs.json) are decoded when read:
// one edited or damaged on disk is refused with the key that is wrong, never half-loaded.
import * as E from 'fp-ts/Either'
import type * as t from 'io-ts'
import { firstProblem } from '../domain/repo/Decode'

/** The JSON text of a data-folder file, decoded; throws one line naming `where` (file, line) and the key. */
export const decodeDataFile = <A>(codec: t.Decoder<unknown, A>, text: string, where: string): A => {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (err) {
    throw new Error(`${where} is corrupt: ${(err as Error).message}`)
  }
  return decodeDataValue(codec, doc, where)
}

/** A parsed data-folder value, decoded; throws one line naming `where` and the key. */
export const decodeDataValue = <A>(codec: t.Decoder<unknown, A>, doc: unknown, where: string): A => {
  const r = codec.decode(doc)
  if (E.isLeft(r)) throw new Error(`${where} is corrupt: ${firstProblem(r.left)}`)
  return r.right
}

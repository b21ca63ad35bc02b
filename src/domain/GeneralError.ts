import { defineMessages, messageWith } from './Messages'

/** Errors that belong to no single area: bad command-line input, files that cannot be read. */
export type GeneralError =
  | { readonly _tag: 'InvalidArgument'; readonly reason: string }
  | { readonly _tag: 'FileNotFound'; readonly path: string }
  | { readonly _tag: 'FileUnreadable'; readonly path: string; readonly reason: string }
  | { readonly _tag: 'FileUnwritable'; readonly path: string; readonly reason: string }

export const invalidArgument = (reason: string): GeneralError => ({ _tag: 'InvalidArgument', reason })
export const fileNotFound = (path: string): GeneralError => ({ _tag: 'FileNotFound', path })
export const fileUnreadable = (path: string, reason: string): GeneralError => ({ _tag: 'FileUnreadable', path, reason })
export const fileUnwritable = (path: string, reason: string): GeneralError => ({ _tag: 'FileUnwritable', path, reason })

export const generalMessages = defineMessages<GeneralError>({
  InvalidArgument: (e) => e.reason,
  FileNotFound: (e) => `open ${e.path}: no such file or directory`,
  FileUnreadable: (e) => `cannot read ${e.path}: ${e.reason}`,
  FileUnwritable: (e) => `cannot write ${e.path}: ${e.reason}`,
})

/** The user-facing text of a general error. */
export const generalMessage: (e: GeneralError) => string = messageWith(generalMessages)

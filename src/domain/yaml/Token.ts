import type { Mark } from './Reader'

/** How a scalar was written (it decides whether the scalar's type is resolved from its text). */
export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded'

/** libyaml's tokens. */
export type Token = { readonly start: Mark; readonly end: Mark } & (
  | { readonly type: 'stream-start' | 'stream-end' | 'document-start' | 'document-end' }
  | { readonly type: 'block-sequence-start' | 'block-mapping-start' | 'block-end' }
  | { readonly type: 'flow-sequence-start' | 'flow-sequence-end' | 'flow-mapping-start' | 'flow-mapping-end' }
  | { readonly type: 'block-entry' | 'flow-entry' | 'key' | 'value' }
  | { readonly type: 'version-directive'; readonly major: number; readonly minor: number }
  | { readonly type: 'tag-directive'; readonly handle: string; readonly prefix: string }
  | { readonly type: 'alias' | 'anchor'; readonly value: string }
  | { readonly type: 'tag'; readonly handle: string; readonly suffix: string }
  | { readonly type: 'scalar'; readonly value: string; readonly style: ScalarStyle }
)

export type TokenType = Token['type']

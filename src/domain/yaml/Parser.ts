/**
 * The YAML parser Helm reads with, in libyaml's terms (yaml.v2's parserc): a state machine over the scanner's
 * tokens that yields events, with libyaml's error texts ("did not find expected key", "did not find expected
 * ',' or ']'", ...) and tag handles resolved against `%TAG` directives.
 */
import { failure, type Mark } from './Reader'
import { Scanner } from './Scanner'
import type { ScalarStyle, Token } from './Token'

export type YamlEvent = { readonly start: Mark } & (
  | { readonly type: 'stream-start' | 'stream-end' | 'document-end' | 'sequence-end' | 'mapping-end' }
  | { readonly type: 'document-start'; readonly implicit: boolean }
  | { readonly type: 'alias'; readonly anchor: string }
  | {
      readonly type: 'scalar'
      readonly anchor: string
      readonly tag: string
      readonly value: string
      /** plain and untagged (or tagged `!`): its type is resolved from its text */
      readonly implicit: boolean
      readonly style: ScalarStyle
    }
  | { readonly type: 'sequence-start' | 'mapping-start'; readonly anchor: string; readonly tag: string }
)

type State =
  | 'stream-start'
  | 'implicit-document-start'
  | 'document-start'
  | 'document-content'
  | 'document-end'
  | 'block-node'
  | 'block-sequence-first-entry'
  | 'block-sequence-entry'
  | 'indentless-sequence-entry'
  | 'block-mapping-first-key'
  | 'block-mapping-key'
  | 'block-mapping-value'
  | 'flow-sequence-first-entry'
  | 'flow-sequence-entry'
  | 'flow-sequence-entry-mapping-key'
  | 'flow-sequence-entry-mapping-value'
  | 'flow-sequence-entry-mapping-end'
  | 'flow-mapping-first-key'
  | 'flow-mapping-key'
  | 'flow-mapping-value'
  | 'flow-mapping-empty-value'
  | 'end'

const DEFAULT_TAGS: Readonly<Record<string, string>> = { '!': '!', '!!': 'tag:yaml.org,2002:' }

export class Parser {
  private readonly s: Scanner
  private state: State = 'stream-start'
  private readonly states: State[] = []
  private readonly marks: Mark[] = []
  private tags: Record<string, string> = { ...DEFAULT_TAGS }

  constructor(text: string) {
    this.s = new Scanner(text)
  }

  /** The next event. */
  next(): YamlEvent {
    switch (this.state) {
      case 'stream-start': {
        const t = this.s.next()
        if (t.type !== 'stream-start')
          throw failure('parser', 'did not find expected <stream-start>', t.start, undefined)
        this.state = 'implicit-document-start'
        return { type: 'stream-start', start: t.start }
      }
      case 'implicit-document-start':
        return this.documentStart(true)
      case 'document-start':
        return this.documentStart(false)
      case 'document-content': {
        const t = this.s.peek()
        if (['version-directive', 'tag-directive', 'document-start', 'document-end', 'stream-end'].includes(t.type)) {
          this.state = this.states.pop()!
          return this.empty(t.start)
        }
        return this.node(true, false)
      }
      case 'document-end': {
        const t = this.s.peek()
        if (t.type === 'document-end') this.s.next()
        this.tags = { ...DEFAULT_TAGS }
        this.state = 'document-start'
        return { type: 'document-end', start: t.start }
      }
      case 'block-node':
        return this.node(true, false)
      case 'block-sequence-first-entry':
        this.marks.push(this.s.next().start)
        return this.blockSequenceEntry()
      case 'block-sequence-entry':
        return this.blockSequenceEntry()
      case 'indentless-sequence-entry':
        return this.indentlessSequenceEntry()
      case 'block-mapping-first-key':
        this.marks.push(this.s.next().start)
        return this.blockMappingKey()
      case 'block-mapping-key':
        return this.blockMappingKey()
      case 'block-mapping-value':
        return this.blockMappingValue()
      case 'flow-sequence-first-entry':
        this.marks.push(this.s.next().start)
        return this.flowSequenceEntry(true)
      case 'flow-sequence-entry':
        return this.flowSequenceEntry(false)
      case 'flow-sequence-entry-mapping-key': {
        const t = this.s.peek()
        if (t.type !== 'value' && t.type !== 'flow-entry' && t.type !== 'flow-sequence-end') {
          this.states.push('flow-sequence-entry-mapping-value')
          return this.node(false, false)
        }
        // yaml.v2 skips the token here (so `[? : x]` loses its `:`)
        this.s.next()
        this.state = 'flow-sequence-entry-mapping-value'
        return this.empty(t.end)
      }
      case 'flow-sequence-entry-mapping-value': {
        const t = this.s.peek()
        if (t.type === 'value') {
          this.s.next()
          const n = this.s.peek()
          if (n.type !== 'flow-entry' && n.type !== 'flow-sequence-end') {
            this.states.push('flow-sequence-entry-mapping-end')
            return this.node(false, false)
          }
        }
        this.state = 'flow-sequence-entry-mapping-end'
        return this.empty(t.start)
      }
      case 'flow-sequence-entry-mapping-end':
        this.state = 'flow-sequence-entry'
        return { type: 'mapping-end', start: this.s.peek().start }
      case 'flow-mapping-first-key':
        this.marks.push(this.s.next().start)
        return this.flowMappingKey(true)
      case 'flow-mapping-key':
        return this.flowMappingKey(false)
      case 'flow-mapping-value':
        return this.flowMappingValue(false)
      case 'flow-mapping-empty-value':
        return this.flowMappingValue(true)
      case 'end':
        return { type: 'stream-end', start: this.s.peek().start }
    }
  }

  private empty(mark: Mark): YamlEvent {
    return { type: 'scalar', start: mark, anchor: '', tag: '', value: '', implicit: true, style: 'plain' }
  }

  private documentStart(implicit: boolean): YamlEvent {
    let t = this.s.peek()
    if (!implicit)
      while (t.type === 'document-end') {
        this.s.next()
        t = this.s.peek()
      }
    if (implicit && !['version-directive', 'tag-directive', 'document-start', 'stream-end'].includes(t.type)) {
      this.directives()
      this.states.push('document-end')
      this.state = 'block-node'
      return { type: 'document-start', start: t.start, implicit: true }
    }
    if (t.type === 'stream-end') {
      this.s.next()
      this.state = 'end'
      return { type: 'stream-end', start: t.start }
    }
    this.directives()
    t = this.s.peek()
    if (t.type !== 'document-start')
      throw failure('parser', 'did not find expected <document start>', t.start, undefined)
    this.s.next()
    this.states.push('document-end')
    this.state = 'document-content'
    return { type: 'document-start', start: t.start, implicit: false }
  }

  private directives(): void {
    let version = false
    for (let t = this.s.peek(); t.type === 'version-directive' || t.type === 'tag-directive'; t = this.s.peek()) {
      if (t.type === 'version-directive') {
        if (version) throw failure('parser', 'found duplicate %YAML directive', t.start, undefined)
        if (t.major !== 1 || t.minor !== 1)
          throw failure('parser', 'found incompatible YAML document', t.start, undefined)
        version = true
      } else {
        if (
          this.tags[t.handle] !== undefined &&
          !(t.handle in DEFAULT_TAGS && this.tags[t.handle] === DEFAULT_TAGS[t.handle])
        )
          throw failure('parser', 'found duplicate %TAG directive', t.start, undefined)
        this.tags[t.handle] = t.prefix
      }
      this.s.next()
    }
  }

  private node(block: boolean, indentless: boolean): YamlEvent {
    let t: Token = this.s.peek()
    if (t.type === 'alias') {
      this.s.next()
      this.state = this.states.pop()!
      return { type: 'alias', start: t.start, anchor: t.value }
    }
    const start = t.start
    let anchor = ''
    let handle = ''
    let suffix = ''
    let tagMark: Mark | undefined
    let hasTag = false
    const readTag = (): void => {
      if (t.type !== 'tag') return
      hasTag = true
      handle = t.handle
      suffix = t.suffix
      tagMark = t.start
      this.s.next()
      t = this.s.peek()
    }
    if (t.type === 'anchor') {
      anchor = t.value
      this.s.next()
      t = this.s.peek()
      readTag()
    } else if (t.type === 'tag') {
      readTag()
      const a: Token = this.s.peek()
      if (a.type === 'anchor') {
        anchor = a.value
        this.s.next()
        t = this.s.peek()
      }
    }
    let tag = ''
    if (hasTag) {
      if (handle === '') tag = suffix
      else {
        const prefix = this.tags[handle]
        if (prefix === undefined) throw failure('parser', 'found undefined tag handle', tagMark, start)
        tag = prefix + suffix
      }
    }
    const props = anchor !== '' || hasTag
    if (indentless && t.type === 'block-entry') {
      this.state = 'indentless-sequence-entry'
      return { type: 'sequence-start', start, anchor, tag }
    }
    if (t.type === 'scalar') {
      this.s.next()
      this.state = this.states.pop()!
      const implicit = (tag === '' && t.style === 'plain') || tag === '!'
      return { type: 'scalar', start, anchor, tag, value: t.value, implicit, style: t.style }
    }
    if (t.type === 'flow-sequence-start') {
      this.state = 'flow-sequence-first-entry'
      return { type: 'sequence-start', start, anchor, tag }
    }
    if (t.type === 'flow-mapping-start') {
      this.state = 'flow-mapping-first-key'
      return { type: 'mapping-start', start, anchor, tag }
    }
    if (block && t.type === 'block-sequence-start') {
      this.state = 'block-sequence-first-entry'
      return { type: 'sequence-start', start, anchor, tag }
    }
    if (block && t.type === 'block-mapping-start') {
      this.state = 'block-mapping-first-key'
      return { type: 'mapping-start', start, anchor, tag }
    }
    if (props) {
      this.state = this.states.pop()!
      return { type: 'scalar', start, anchor, tag, value: '', implicit: tag === '', style: 'plain' }
    }
    throw failure('parser', 'did not find expected node content', t.start, start)
  }

  private blockSequenceEntry(): YamlEvent {
    const t = this.s.peek()
    if (t.type === 'block-entry') {
      this.s.next()
      const n = this.s.peek()
      if (n.type !== 'block-entry' && n.type !== 'block-end') {
        this.states.push('block-sequence-entry')
        return this.node(true, false)
      }
      this.state = 'block-sequence-entry'
      return this.empty(t.end)
    }
    if (t.type === 'block-end') {
      this.s.next()
      this.state = this.states.pop()!
      this.marks.pop()
      return { type: 'sequence-end', start: t.start }
    }
    throw failure('parser', "did not find expected '-' indicator", t.start, this.marks.pop())
  }

  private indentlessSequenceEntry(): YamlEvent {
    const t = this.s.peek()
    if (t.type === 'block-entry') {
      this.s.next()
      const n = this.s.peek()
      if (n.type !== 'block-entry' && n.type !== 'key' && n.type !== 'value' && n.type !== 'block-end') {
        this.states.push('indentless-sequence-entry')
        return this.node(true, false)
      }
      this.state = 'indentless-sequence-entry'
      return this.empty(t.end)
    }
    this.state = this.states.pop()!
    return { type: 'sequence-end', start: t.start }
  }

  private blockMappingKey(): YamlEvent {
    const t = this.s.peek()
    if (t.type === 'key') {
      this.s.next()
      const n = this.s.peek()
      if (n.type !== 'key' && n.type !== 'value' && n.type !== 'block-end') {
        this.states.push('block-mapping-value')
        return this.node(true, true)
      }
      this.state = 'block-mapping-value'
      return this.empty(t.end)
    }
    if (t.type === 'block-end') {
      this.s.next()
      this.state = this.states.pop()!
      this.marks.pop()
      return { type: 'mapping-end', start: t.start }
    }
    throw failure('parser', 'did not find expected key', t.start, this.marks.pop())
  }

  private blockMappingValue(): YamlEvent {
    const t = this.s.peek()
    if (t.type === 'value') {
      this.s.next()
      const n = this.s.peek()
      if (n.type !== 'key' && n.type !== 'value' && n.type !== 'block-end') {
        this.states.push('block-mapping-key')
        return this.node(true, true)
      }
      this.state = 'block-mapping-key'
      return this.empty(t.end)
    }
    this.state = 'block-mapping-key'
    return this.empty(t.start)
  }

  private flowSequenceEntry(first: boolean): YamlEvent {
    let t = this.s.peek()
    if (t.type !== 'flow-sequence-end') {
      if (!first) {
        if (t.type !== 'flow-entry')
          throw failure('parser', "did not find expected ',' or ']'", t.start, this.marks.pop())
        this.s.next()
        t = this.s.peek()
      }
      if (t.type === 'key') {
        this.state = 'flow-sequence-entry-mapping-key'
        this.s.next()
        return { type: 'mapping-start', start: t.start, anchor: '', tag: '' }
      }
      if (t.type !== 'flow-sequence-end') {
        this.states.push('flow-sequence-entry')
        return this.node(false, false)
      }
    }
    this.s.next()
    this.state = this.states.pop()!
    this.marks.pop()
    return { type: 'sequence-end', start: t.start }
  }

  private flowMappingKey(first: boolean): YamlEvent {
    let t = this.s.peek()
    if (t.type !== 'flow-mapping-end') {
      if (!first) {
        if (t.type !== 'flow-entry')
          throw failure('parser', "did not find expected ',' or '}'", t.start, this.marks.pop())
        this.s.next()
        t = this.s.peek()
      }
      if (t.type === 'key') {
        this.s.next()
        const n = this.s.peek()
        if (n.type !== 'value' && n.type !== 'flow-entry' && n.type !== 'flow-mapping-end') {
          this.states.push('flow-mapping-value')
          return this.node(false, false)
        }
        this.state = 'flow-mapping-value'
        return this.empty(n.start)
      }
      if (t.type !== 'flow-mapping-end') {
        this.states.push('flow-mapping-empty-value')
        return this.node(false, false)
      }
    }
    this.s.next()
    this.state = this.states.pop()!
    this.marks.pop()
    return { type: 'mapping-end', start: t.start }
  }

  private flowMappingValue(empty: boolean): YamlEvent {
    const t = this.s.peek()
    if (empty) {
      this.state = 'flow-mapping-key'
      return this.empty(t.start)
    }
    if (t.type === 'value') {
      this.s.next()
      const n = this.s.peek()
      if (n.type !== 'flow-entry' && n.type !== 'flow-mapping-end') {
        this.states.push('flow-mapping-key')
        return this.node(false, false)
      }
    }
    this.state = 'flow-mapping-key'
    return this.empty(t.start)
  }
}

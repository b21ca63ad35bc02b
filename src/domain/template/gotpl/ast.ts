/**
 * The syntax tree of Go's text/template (package parse), with `nodeString` printing a node back
 * the way Go's `Node.String()` does (used in `executing "x" at <...>` error contexts).
 * `pos` is the offset of the node in the template text (JS string units).
 */
import { quote } from '../../go/Strconv'

export type Node =
  | ListNode
  | TextNode
  | ActionNode
  | PipeNode
  | CommandNode
  | FieldNode
  | ChainNode
  | VariableNode
  | IdentifierNode
  | DotNode
  | NilNode
  | BoolNode
  | NumberNode
  | StringNode
  | BranchNode
  | BreakNode
  | ContinueNode
  | TemplateNode
  | EndNode
  | ElseNode

export interface ListNode {
  readonly type: 'list'
  readonly pos: number
  readonly nodes: Node[]
}
export interface TextNode {
  readonly type: 'text'
  readonly pos: number
  readonly text: string
}
export interface ActionNode {
  readonly type: 'action'
  readonly pos: number
  readonly line: number
  readonly pipe: PipeNode
}
export interface PipeNode {
  readonly type: 'pipe'
  readonly pos: number
  readonly line: number
  isAssign: boolean
  readonly decl: VariableNode[]
  readonly cmds: CommandNode[]
}
export interface CommandNode {
  readonly type: 'command'
  readonly pos: number
  readonly args: Node[]
}
export interface FieldNode {
  readonly type: 'field'
  readonly pos: number
  readonly ident: ReadonlyArray<string>
}
export interface ChainNode {
  readonly type: 'chain'
  readonly pos: number
  readonly node: Node
  readonly field: string[]
}
export interface VariableNode {
  readonly type: 'variable'
  readonly pos: number
  readonly ident: ReadonlyArray<string>
}
export interface IdentifierNode {
  readonly type: 'identifier'
  readonly pos: number
  readonly ident: string
}
export interface DotNode {
  readonly type: 'dot'
  readonly pos: number
}
export interface NilNode {
  readonly type: 'nil'
  readonly pos: number
}
export interface BoolNode {
  readonly type: 'bool'
  readonly pos: number
  readonly val: boolean
}
/** A number literal with every Go reading of it (`isInt` etc. as parse.NumberNode). */
export interface NumberNode {
  readonly type: 'number'
  readonly pos: number
  readonly text: string
  readonly isInt: boolean
  readonly isUint: boolean
  readonly isFloat: boolean
  readonly isComplex: boolean
  readonly int64: bigint
  readonly uint64: bigint
  readonly float64: number
  /** real and imaginary parts of a complex constant (`isComplex`) */
  readonly complex128?: readonly [number, number]
}
export interface StringNode {
  readonly type: 'string'
  readonly pos: number
  readonly quoted: string
  readonly text: string
}
/** if / range / with. */
export interface BranchNode {
  readonly type: 'if' | 'range' | 'with'
  readonly pos: number
  readonly line: number
  readonly pipe: PipeNode
  readonly list: ListNode
  readonly elseList: ListNode | undefined
}
export interface BreakNode {
  readonly type: 'break'
  readonly pos: number
  readonly line: number
}
export interface ContinueNode {
  readonly type: 'continue'
  readonly pos: number
  readonly line: number
}
export interface TemplateNode {
  readonly type: 'template'
  readonly pos: number
  readonly line: number
  readonly name: string
  readonly pipe: PipeNode | undefined
}
/** Parser-internal markers for `{{end}}` and `{{else}}`. */
export interface EndNode {
  readonly type: 'end'
  readonly pos: number
}
export interface ElseNode {
  readonly type: 'else'
  readonly pos: number
  readonly line: number
}

/** A parsed template: its name, the name of the text it came from, that text, and its root. */
export interface Tree {
  readonly name: string
  readonly parseName: string
  readonly text: string
  readonly root: ListNode
}

/** Whether a tree holds only whitespace text (Go's parse.IsEmptyTree). */
export const isEmptyTree = (n: Node): boolean => {
  switch (n.type) {
    case 'list':
      return n.nodes.every(isEmptyTree)
    case 'text':
      return n.text.trim() === ''
    default:
      return false
  }
}

/** Go's `Node.String()`: the node printed back as template source. */
export const nodeString = (n: Node): string => {
  switch (n.type) {
    case 'list':
      return n.nodes.map(nodeString).join('')
    case 'text':
      return n.text
    case 'action':
      return `{{${nodeString(n.pipe)}}}`
    case 'pipe': {
      let s = ''
      if (n.decl.length > 0) s = n.decl.map(nodeString).join(', ') + (n.isAssign ? ' = ' : ' := ')
      return s + n.cmds.map(nodeString).join(' | ')
    }
    case 'command':
      return n.args.map((a) => (a.type === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ')
    case 'field':
      return n.ident.map((i) => '.' + i).join('')
    case 'chain':
      return (
        (n.node.type === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node)) + n.field.map((f) => '.' + f).join('')
      )
    case 'variable':
      return n.ident.join('.')
    case 'identifier':
      return n.ident
    case 'dot':
      return '.'
    case 'nil':
      return 'nil'
    case 'bool':
      return n.val ? 'true' : 'false'
    case 'number':
      return n.text
    case 'string':
      return n.quoted
    case 'if':
    case 'range':
    case 'with':
      return (
        `{{${n.type} ${nodeString(n.pipe)}}}${nodeString(n.list)}` +
        (n.elseList ? `{{else}}${nodeString(n.elseList)}` : '') +
        '{{end}}'
      )
    case 'break':
      return '{{break}}'
    case 'continue':
      return '{{continue}}'
    case 'template':
      return n.pipe ? `{{template ${quote(n.name)} ${nodeString(n.pipe)}}}` : `{{template ${quote(n.name)}}}`
    case 'end':
      return '{{end}}'
    case 'else':
      return '{{else}}'
  }
}

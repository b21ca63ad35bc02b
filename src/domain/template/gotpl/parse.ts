/**
 * The parser of Go's text/template (package parse): items → trees. One call parses one text into
 * the tree named after it plus one tree per `define`/`block`, with Go's parse-time checks
 * (unknown functions, undefined variables, break/continue outside range, duplicate definitions).
 */
import type {
  BranchNode,
  CommandNode,
  ElseNode,
  EndNode,
  ListNode,
  Node,
  PipeNode,
  TemplateNode,
  Tree,
  VariableNode,
} from './ast'
import { isEmptyTree, nodeString } from './ast'
import { type Item, type ItemType, lex } from './lex'
import { readNumber, unquote } from './literal'
import { TemplateError } from './TemplateError'
import { quote } from '../../go/Strconv'

/** Thrown inside the parser; `parse` turns it into a TemplateError. */
class Abort {
  constructor(
    readonly line: number,
    readonly detail: string,
  ) {}
}

const KEYWORD_TYPES = new Set<ItemType>([
  'block',
  'break',
  'continue',
  'dot',
  'define',
  'else',
  'end',
  'if',
  'nil',
  'range',
  'template',
  'with',
])

// Go's item.String(): how a token is named in "unexpected X in Y".
const itemString = (i: Item): string => {
  if (i.type === 'eof') return 'EOF'
  if (i.type === 'error') return i.val
  if (KEYWORD_TYPES.has(i.type)) return `<${i.val}>`
  if ([...i.val].length > 10) return quote([...i.val].slice(0, 10).join('')) + '...'
  return quote(i.val)
}

interface TreeState {
  name: string
  vars: string[]
  rangeDepth: number
}

/**
 * Parses `text` (named `name`) into its trees: the top-level one under `name` and each define/block.
 * A define that is empty never replaces a non-empty one of the same text; two non-empty ones fail.
 * `usedFunctions`, when given, collects the function names the text refers to.
 * Throws TemplateError (kind 'parse').
 */
export const parseTemplate = (
  name: string,
  text: string,
  hasFunction: (name: string) => boolean,
  usedFunctions?: Set<string>,
): Map<string, Tree> => {
  const items = lex(text, { breakOK: !hasFunction('break'), continueOK: !hasFunction('continue') })
  const eof: Item = { type: 'eof', pos: text.length, val: '', line: items.length ? items[items.length - 1].line : 1 }
  const treeSet = new Map<string, Tree>()
  let cur = 0
  let furthest = 0
  let actionLine = 0
  let st: TreeState = { name, vars: ['$'], rangeDepth: 0 }

  const at = (i: number): Item => (i < items.length ? items[i] : eof)
  const next = (): Item => {
    const it = at(cur++)
    if (cur - 1 > furthest) furthest = cur - 1
    return it
  }
  const backup = (n = 1): void => {
    cur -= n
  }
  const peek = (): Item => {
    if (cur > furthest) furthest = cur
    return at(cur)
  }
  const nextNonSpace = (): Item => {
    let t = next()
    while (t.type === 'space') t = next()
    return t
  }
  const peekNonSpace = (): Item => {
    const t = nextNonSpace()
    backup()
    return t
  }
  const errorf = (msg: string): never => {
    throw new Abort(at(Math.min(furthest, items.length)).line, msg)
  }
  const unexpected = (token: Item, context: string): never => {
    if (token.type === 'error') {
      let extra = ''
      if (actionLine !== 0 && actionLine !== token.line) {
        extra = ` in action started at ${name}:${actionLine}`
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length)
      }
      return errorf(`${token.val}${extra}`)
    }
    return errorf(`unexpected ${itemString(token)} in ${context}`)
  }
  const expect = (type: ItemType, context: string): Item => {
    const t = nextNonSpace()
    if (t.type !== type) unexpected(t, context)
    return t
  }
  const unq = (t: Item): string => {
    const s = unquote(t.val)
    return s === undefined ? errorf('invalid syntax') : s
  }

  const addTree = (tree: Tree): void => {
    const old = treeSet.get(tree.name)
    if (old === undefined || isEmptyTree(old.root)) treeSet.set(tree.name, tree)
    else if (!isEmptyTree(tree.root)) errorf(`template: multiple definition of template ${quote(tree.name)}`)
  }

  const itemList = (): [ListNode, Node] => {
    const list: ListNode = { type: 'list', pos: peekNonSpace().pos, nodes: [] }
    while (peekNonSpace().type !== 'eof') {
      const n = textOrAction()
      if (n.type === 'end' || n.type === 'else') return [list, n]
      list.nodes.push(n)
    }
    return errorf('unexpected EOF')
  }

  const textOrAction = (): Node => {
    const token = nextNonSpace()
    switch (token.type) {
      case 'text':
        return { type: 'text', pos: token.pos, text: token.val }
      case 'leftDelim': {
        actionLine = token.line
        try {
          return action()
        } finally {
          actionLine = 0
        }
      }
    }
    return unexpected(token, 'input')
  }

  const action = (): Node => {
    const token = nextNonSpace()
    switch (token.type) {
      case 'block':
        return blockControl()
      case 'break':
      case 'continue': {
        const t = nextNonSpace()
        if (t.type !== 'rightDelim') unexpected(t, `{{${token.type}}}`)
        if (st.rangeDepth === 0) errorf(`{{${token.type}}} outside {{range}}`)
        return { type: token.type, pos: token.pos, line: token.line }
      }
      case 'else':
        return elseControl()
      case 'end':
        return { type: 'end', pos: expect('rightDelim', 'end').pos } satisfies EndNode
      case 'if':
      case 'range':
      case 'with':
        return control(token.type)
      case 'template':
        return templateControl()
    }
    backup()
    const t = peek()
    return { type: 'action', pos: t.pos, line: t.line, pipe: pipeline('command', 'rightDelim') }
  }

  const elseControl = (): ElseNode => {
    const p = peekNonSpace()
    if (p.type === 'if' || p.type === 'with') return { type: 'else', pos: p.pos, line: p.line }
    const t = expect('rightDelim', 'else')
    return { type: 'else', pos: t.pos, line: t.line }
  }

  const control = (context: 'if' | 'range' | 'with'): BranchNode => {
    const nvars = st.vars.length
    try {
      const pipe = pipeline(context, 'rightDelim')
      if (context === 'range') st.rangeDepth++
      const [list, end] = itemList()
      let nextNode = end
      if (context === 'range') st.rangeDepth--
      let elseList: ListNode | undefined
      if (nextNode.type === 'else') {
        if ((context === 'if' && peek().type === 'if') || (context === 'with' && peek().type === 'with')) {
          next()
          elseList = { type: 'list', pos: nextNode.pos, nodes: [control(context)] }
        } else {
          ;[elseList, nextNode] = itemList()
          if (nextNode.type !== 'end') errorf(`expected end; found ${nodeString(nextNode)}`)
        }
      }
      return { type: context, pos: pipe.pos, line: pipe.line, pipe, list, elseList }
    } finally {
      st.vars.length = nvars
    }
  }

  const templateName = (token: Item, context: string): string => {
    if (token.type === 'string' || token.type === 'rawString') return unq(token)
    return unexpected(token, context)
  }

  const templateControl = (): TemplateNode => {
    const token = nextNonSpace()
    const tname = templateName(token, 'template clause')
    let pipe: PipeNode | undefined
    if (nextNonSpace().type !== 'rightDelim') {
      backup()
      pipe = pipeline('template clause', 'rightDelim')
    }
    return { type: 'template', pos: token.pos, line: token.line, name: tname, pipe }
  }

  const subTree = (tname: string, endContext: string): void => {
    const saved = st
    st = { name: tname, vars: ['$'], rangeDepth: 0 }
    const [root, end] = itemList()
    if (end.type !== 'end') errorf(`unexpected ${nodeString(end)} in ${endContext}`)
    addTree({ name: tname, parseName: name, text, root })
    st = saved
  }

  const blockControl = (): TemplateNode => {
    const token = nextNonSpace()
    const tname = templateName(token, 'block clause')
    const pipe = pipeline('block clause', 'rightDelim')
    subTree(tname, 'block clause')
    return { type: 'template', pos: token.pos, line: token.line, name: tname, pipe }
  }

  const definition = (): void => {
    const t = nextNonSpace()
    if (t.type !== 'string' && t.type !== 'rawString') unexpected(t, 'define clause')
    const tname = unq(t)
    expect('rightDelim', 'define clause')
    subTree(tname, 'define clause')
  }

  const pipeline = (context: string, end: ItemType): PipeNode => {
    const token = peekNonSpace()
    const pipe: PipeNode = { type: 'pipe', pos: token.pos, line: token.line, isAssign: false, decl: [], cmds: [] }
    for (;;) {
      const v = peekNonSpace()
      if (v.type !== 'variable') break
      const vIndex = cur
      next()
      const nx = peekNonSpace()
      if (nx.type === 'assign' || nx.type === 'declare') {
        pipe.isAssign = nx.type === 'assign'
        nextNonSpace()
        pipe.decl.push(variable(v.pos, v.val))
        st.vars.push(v.val)
      } else if (nx.type === 'char' && nx.val === ',') {
        nextNonSpace()
        pipe.decl.push(variable(v.pos, v.val))
        st.vars.push(v.val)
        if (context === 'range' && pipe.decl.length < 2) {
          const p = peekNonSpace().type
          if (p === 'variable' || p === 'rightDelim' || p === 'rightParen') continue
          errorf('range can only initialize variables')
        }
        errorf(`too many declarations in ${context}`)
      } else cur = vIndex // not a declaration: the variable is an operand
      break
    }
    for (;;) {
      const t = nextNonSpace()
      if (t.type === end) {
        if (pipe.cmds.length === 0) errorf(`missing value for ${context}`)
        for (let i = 1; i < pipe.cmds.length; i++) {
          const a = pipe.cmds[i].args[0].type
          if (a === 'bool' || a === 'dot' || a === 'nil' || a === 'number' || a === 'string')
            errorf(`non executable command in pipeline stage ${i + 1}`)
        }
        return pipe
      }
      switch (t.type) {
        case 'bool':
        case 'charConstant':
        case 'complex':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          backup()
          pipe.cmds.push(command())
          continue
      }
      unexpected(t, context)
    }
  }

  const command = (): CommandNode => {
    const cmd: CommandNode = { type: 'command', pos: peekNonSpace().pos, args: [] }
    for (;;) {
      peekNonSpace()
      const op = operand()
      if (op !== undefined) cmd.args.push(op)
      const t = next()
      if (t.type === 'space') continue
      if (t.type === 'rightDelim' || t.type === 'rightParen') backup()
      else if (t.type !== 'pipe') unexpected(t, 'operand')
      break
    }
    if (cmd.args.length === 0) errorf('empty command')
    return cmd
  }

  const variable = (pos: number, text: string): VariableNode => ({ type: 'variable', pos, ident: text.split('.') })

  const operand = (): Node | undefined => {
    const node = term()
    if (node === undefined) return undefined
    if (peek().type !== 'field') return node
    const pos = peek().pos
    const fields: string[] = []
    while (peek().type === 'field') fields.push(next().val.slice(1))
    switch (node.type) {
      case 'field':
        return { type: 'field', pos, ident: [...node.ident, ...fields] }
      case 'variable':
        return { type: 'variable', pos, ident: [...node.ident, ...fields] }
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        return errorf(`unexpected . after term ${quote(nodeString(node))}`)
    }
    return { type: 'chain', pos, node, field: fields }
  }

  const term = (): Node | undefined => {
    const t = nextNonSpace()
    switch (t.type) {
      case 'identifier':
        if (!hasFunction(t.val)) errorf(`function ${quote(t.val)} not defined`)
        usedFunctions?.add(t.val)
        return { type: 'identifier', pos: t.pos, ident: t.val }
      case 'dot':
        return { type: 'dot', pos: t.pos }
      case 'nil':
        return { type: 'nil', pos: t.pos }
      case 'variable': {
        const v = variable(t.pos, t.val)
        if (!st.vars.includes(v.ident[0])) errorf(`undefined variable ${quote(v.ident[0])}`)
        return v
      }
      case 'field':
        return { type: 'field', pos: t.pos, ident: t.val.slice(1).split('.') }
      case 'bool':
        return { type: 'bool', pos: t.pos, val: t.val === 'true' }
      case 'charConstant':
      case 'complex':
      case 'number': {
        const n = readNumber(t.pos, t.val, t.type === 'charConstant', t.type === 'complex')
        return typeof n === 'string' ? errorf(n) : n
      }
      case 'leftParen':
        return pipeline('parenthesized pipeline', 'rightParen')
      case 'string':
      case 'rawString':
        return { type: 'string', pos: t.pos, quoted: t.val, text: unq(t) }
    }
    backup()
    return undefined
  }

  try {
    const root: ListNode = { type: 'list', pos: peek().pos, nodes: [] }
    while (peek().type !== 'eof') {
      if (peek().type === 'leftDelim') {
        const delim = cur
        next()
        if (nextNonSpace().type === 'define') {
          definition()
          continue
        }
        cur = delim
      }
      const n = textOrAction()
      if (n.type === 'end' || n.type === 'else') errorf(`unexpected ${nodeString(n)}`)
      root.nodes.push(n)
    }
    addTree({ name, parseName: name, text, root })
    return treeSet
  } catch (e) {
    if (e instanceof Abort) {
      // Go nests "template: " once more in this message; Helm shows the inner text
      const detail = e.detail.startsWith('template: ') ? e.detail.slice('template: '.length) : e.detail
      throw new TemplateError(`template: ${name}:${e.line}: ${e.detail}`, 'parse', name, e.line, 0, detail)
    }
    // Go's parser has no depth limit; ours recurses on the JS stack
    if (e instanceof RangeError) {
      const line = at(Math.min(furthest, items.length)).line
      const detail = 'expression nested too deeply'
      throw new TemplateError(`template: ${name}:${line}: ${detail}`, 'parse', name, line, 0, detail, e)
    }
    throw e
  }
}

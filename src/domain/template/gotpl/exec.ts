/**
 * The statements of Go's text/template (exec.go): walks a tree (text, actions, if, with, range,
 * template calls, break/continue) and writes the output; expressions are the Evaluator's.
 */
import type { ActionNode, BranchNode, Node, TemplateNode, Tree } from './ast'
import { nodeString } from './ast'
import { type Value, GoInt, isGoMap, sortedKeys } from '../../go/Value'
import { isTrue, printOutput } from './builtins'
import { type Dot, type ExecContext, type Var, Evaluator } from './eval'
import { formatValue } from '../../go/Fmt'
import { quote } from '../../go/Strconv'
import { typeName } from '../../go/Types'

export type { ExecContext } from './eval'

/** Go's maxExecDepth: nesting of {{template}} calls. */
export const maxExecDepth = 100000

/** The text an execution writes; `top` when it is a chart file's own output (counted against maxOutputBytes). */
interface Output {
  s: string
  readonly top: boolean
}

const BREAK = Symbol('break')
const CONTINUE = Symbol('continue')

class State extends Evaluator {
  constructor(
    ctx: ExecContext,
    tmpl: Tree,
    vars: Var[],
    readonly depth: number,
    readonly out: Output,
  ) {
    super(ctx, tmpl, vars)
  }
  write(text: string): void {
    this.ctx.budget.write(text.length, this.out.top)
    this.out.s += text
  }
  walk(dot: Dot, node: Node): void {
    this.ctx.budget.step()
    this.at(node)
    switch (node.type) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe)
        if (node.pipe.decl.length === 0) this.printValue(node, val)
        return
      }
      case 'break':
        throw BREAK
      case 'continue':
        throw CONTINUE
      case 'if':
      case 'with': {
        // (inlined rather than a method: every frame on the template-nesting path costs include depth)
        const mark = this.vars.length
        try {
          const val = this.evalPipeline(dot, node.pipe)
          if (isTrue(val)) this.walk(node.type === 'with' ? { v: val, w: false } : dot, node.list)
          else if (node.elseList) this.walk(dot, node.elseList)
        } finally {
          this.vars.length = mark
        }
        return
      }
      case 'list':
        for (const n of node.nodes) {
          if (n.type !== 'action') this.walk(dot, n)
          else {
            // an action directly in a list is evaluated in this frame (same steps as walk's action case)
            this.ctx.budget.step()
            this.at(n)
            const val = this.evalPipeline(dot, n.pipe)
            if (n.pipe.decl.length === 0) this.printValue(n, val)
          }
        }
        return
      case 'range':
        return this.walkRange(dot, node)
      case 'template':
        return this.walkTemplate(dot, node)
      case 'text':
        this.write(node.text)
        return
    }
    this.errorf(`unknown node: ${nodeString(node)}`)
  }

  printValue(node: ActionNode, v: Value): void {
    this.at(node)
    if (v === undefined || v === null) this.write('<no value>')
    else if (typeof v === 'function') this.errorf(`can't print ${nodeString(node)} of type ${typeName(v)}`)
    else this.write(printOutput(v))
  }

  walkRange(dot: Dot, r: BranchNode): void {
    this.at(r)
    const mark = this.vars.length
    try {
      const val = this.evalPipeline(dot, r.pipe)
      const bodyMark = this.vars.length
      const decl = r.pipe.decl
      const one = (index: Value, elem: Value, wrapped: boolean): void => {
        if (decl.length > 0) {
          if (r.pipe.isAssign)
            this.setVar(decl[0].ident[0], decl.length > 1 ? index : elem, decl.length > 1 ? false : wrapped)
          else this.setTopVar(1, elem, wrapped)
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1].ident[0], elem, wrapped)
          else this.setTopVar(2, index, false)
        }
        try {
          this.walk({ v: elem, w: wrapped }, r.list)
        } catch (e) {
          if (e !== CONTINUE) throw e
        } finally {
          this.vars.length = bodyMark
        }
      }
      try {
        if (Array.isArray(val) || val instanceof Uint8Array) {
          if (val.length > 0) {
            const bytes = val instanceof Uint8Array
            for (let i = 0; i < val.length; i++)
              one(
                new GoInt(BigInt(i)),
                bytes ? new GoInt(BigInt(val[i] as number), 'uint8') : ((val[i] as Value) ?? null),
                !bytes,
              )
            return
          }
        } else if (val instanceof GoInt) {
          if (decl.length > 1) this.errorf(`can't use ${formatValue(val)} to iterate over more than one variable`)
          if (val.value > 0n) {
            for (let i = 0n; i < val.value; i++) one(undefined, new GoInt(i, val.kind), false)
            return
          }
        } else if (val !== undefined && val !== null && isGoMap(val)) {
          const keys = sortedKeys(val)
          if (keys.length > 0) {
            for (const k of keys) one(k, val[k] ?? null, true)
            return
          }
        } else if (val !== undefined && val !== null) this.errorf(`range can't iterate over ${formatValue(val)}`)
      } catch (e) {
        if (e === BREAK) return
        throw e
      }
      if (r.elseList) this.walk(dot, r.elseList)
    } finally {
      this.vars.length = mark
    }
  }

  walkTemplate(dot: Dot, t: TemplateNode): void {
    this.at(t)
    const tmpl = this.ctx.lookup(t.name)
    if (!tmpl) this.errorf(`template ${quote(t.name)} not defined`)
    if (this.depth >= maxExecDepth) this.errorf(`exceeded maximum template depth (${maxExecDepth})`)
    const v = this.evalPipeline(dot, t.pipe)
    const s = new State(this.ctx, tmpl, [{ name: '$', value: v, wrapped: false }], this.depth + 1, this.out)
    s.walk({ v, w: false }, tmpl.root)
  }

  setTopVar(n: number, value: Value, wrapped: boolean): void {
    const v = this.vars[this.vars.length - n]
    v.value = value
    v.wrapped = wrapped
  }
}

/**
 * Executes `tree` with `data` as dot and `$`; returns the output text.
 * Throws TemplateError (kind 'exec') with Go's message for every failure.
 */
export const executeTree = (ctx: ExecContext, tree: Tree, data: Value, depth = 0): string => {
  const out: Output = { s: '', top: ctx.budget.executing <= 1 }
  const dot = data === null ? undefined : data
  const s = new State(ctx, tree, [{ name: '$', value: dot, wrapped: false }], depth, out)
  s.walk({ v: dot, w: false }, tree.root)
  return out.s
}

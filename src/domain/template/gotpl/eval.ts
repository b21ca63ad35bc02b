/**
 * Expression evaluation of Go's text/template (exec.go): pipelines, commands, fields and methods,
 * function calls with Go's argument checks, variables. Inside, nil has two forms as in Go's reflection:
 * `undefined` is an invalid reflect.Value (what a pipeline yields for nil) and `null` a nil
 * `interface {}` (a missing map key); they print alike but fail differently. Errors are thrown as
 * TemplateError with Go's texts.
 */
import type {
  ChainNode,
  CommandNode,
  FieldNode,
  IdentifierNode,
  Node,
  NumberNode,
  PipeNode,
  Tree,
  VariableNode,
} from './ast'
import { nodeString } from './ast'
import {
  type GoFunc,
  type ParamType,
  type Value,
  GoComplex,
  GoInt,
  isGoMap,
  isGoStruct,
  methodsOf,
  signatureOf,
  utf8Length,
} from '../../go/Value'
import { isTrue } from './builtins'
import { quote } from '../../go/Strconv'
import { typeName } from '../../go/Types'
import { TemplateError } from './TemplateError'
import { type Budget, LimitExceeded, isAllocationFailure, isStackOverflow, shallowSize } from '../../go/Budget'

/** What the evaluator needs from the template set. */
export interface ExecContext {
  readonly lookup: (name: string) => Tree | undefined
  readonly findFunction: (name: string) => { readonly fn: GoFunc; readonly builtin: boolean } | undefined
  readonly missingKey: 'zero' | 'error'
  /** What the render may still spend (steps, bytes, output, nesting). */
  readonly budget: Budget
}

/** The pipeline's previous value when there is none. */
export const MISSING = Symbol('missing')
type Final = Value | typeof MISSING

/** The dot: a value, and whether it sits in an `interface {}` (an element of a map or slice), for Go's type names in errors. */
export interface Dot {
  readonly v: Value
  readonly w: boolean
}
/** A template variable. */
export interface Var {
  readonly name: string
  value: Value
  wrapped: boolean
}

const canBeNil = (t: ParamType): boolean =>
  t === 'any' || t === 'reflect.Value' || t.startsWith('[') || t.startsWith('map')

const isHexInt = (s: string): boolean =>
  s.length > 2 && s[0] === '0' && (s[1] === 'x' || s[1] === 'X') && !s.includes('p') && !s.includes('P')

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/** Evaluates expressions against a dot and a variable stack, for one executing template. */
export class Evaluator {
  node: Node | undefined
  lastWrapped = false
  constructor(
    readonly ctx: ExecContext,
    readonly tmpl: Tree,
    readonly vars: Var[],
  ) {}

  at(n: Node): void {
    this.node = n
  }

  errorf(msg: string, cause?: unknown): never {
    const name = this.tmpl.name
    const n = this.node
    if (!n) throw new TemplateError(`template: ${name}: ${msg}`, 'exec', name, 0, 0, msg, cause)
    const text = this.tmpl.text
    const before = text.slice(0, n.pos)
    const nl = before.lastIndexOf('\n')
    let line = 1
    for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++
    const col = utf8Length(before.slice(nl + 1))
    const context = nodeString(n)
    const where = `${this.tmpl.parseName}:${line}:${col}`
    throw new TemplateError(
      `template: ${where}: executing ${quote(name)} at <${context}>: ${msg}`,
      'exec',
      this.tmpl.parseName,
      line,
      col,
      msg,
      cause,
      { name, context },
    )
  }

  setVar(name: string, value: Value, wrapped: boolean): void {
    for (let i = this.vars.length - 1; i >= 0; i--)
      if (this.vars[i].name === name) {
        this.vars[i].value = value
        this.vars[i].wrapped = wrapped
        return
      }
    this.errorf(`undefined variable: ${name}`)
  }

  varValue(name: string): Var {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i]
    return this.errorf(`undefined variable: ${name}`)
  }

  evalPipeline(dot: Dot, pipe: PipeNode | undefined): Value {
    if (!pipe) return undefined
    this.at(pipe)
    let value: Final = MISSING
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value)
      // a nil interface{} result becomes an invalid value (reflect.ValueOf(v.Interface()))
      if (value === null) value = undefined
    }
    const v = value as Value
    for (const d of pipe.decl) {
      if (pipe.isAssign) this.setVar(d.ident[0], v, false)
      else this.vars.push({ name: d.ident[0], value: v, wrapped: false })
    }
    return v
  }

  notAFunction(args: ReadonlyArray<Node> | undefined, final: Final): void {
    if ((args && args.length > 1) || final !== MISSING)
      this.errorf(`can't give argument to non-function ${nodeString(args ? args[0] : this.node!)}`)
  }

  evalCommand(dot: Dot, cmd: CommandNode, final: Final): Value {
    const first = cmd.args[0]
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final)
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final)
      case 'identifier': {
        const f = this.findFunction(first)
        return this.evalCall(dot, f.fn, f.builtin, cmd, first.ident, cmd.args.slice(1), final)
      }
      case 'pipe':
        this.notAFunction(cmd.args, final)
        return this.evalPipeline(dot, first)
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final)
    }
    this.at(first)
    this.notAFunction(cmd.args, final)
    switch (first.type) {
      case 'bool':
        return first.val
      case 'dot':
        return dot.v
      case 'nil':
        return this.errorf('nil is not a command')
      case 'number':
        return this.idealConstant(first)
      case 'string':
        return first.text
    }
    return this.errorf(`can't evaluate command ${quote(nodeString(first))}`)
  }

  idealConstant(n: NumberNode): Value {
    this.at(n)
    if (n.isComplex && n.complex128 !== undefined) return new GoComplex(n.complex128[0], n.complex128[1])
    if (n.isFloat && !isHexInt(n.text) && n.text[0] !== "'" && [...'.eEpP'].some((c) => n.text.includes(c)))
      return n.float64
    if (n.isInt) return new GoInt(n.int64, 'int')
    if (n.isUint) this.errorf(`${n.text} overflows int`)
    return undefined
  }

  evalFieldNode(dot: Dot, field: FieldNode, args: ReadonlyArray<Node> | undefined, final: Final): Value {
    this.at(field)
    return this.evalFieldChain(dot, dot.v, dot.w, field, field.ident, args, final)
  }

  evalChainNode(dot: Dot, chain: ChainNode, args: ReadonlyArray<Node> | undefined, final: Final): Value {
    this.at(chain)
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`)
    const pipe = this.evalArg(dot, undefined, chain.node)
    return this.evalFieldChain(dot, pipe, false, chain, chain.field, args, final)
  }

  evalVariableNode(dot: Dot, v: VariableNode, args: ReadonlyArray<Node> | undefined, final: Final): Value {
    this.at(v)
    const variable = this.varValue(v.ident[0])
    if (v.ident.length === 1) {
      this.notAFunction(args, final)
      return variable.value
    }
    return this.evalFieldChain(dot, variable.value, variable.wrapped, v, v.ident.slice(1), args, final)
  }

  evalFieldChain(
    dot: Dot,
    receiver: Value,
    wrapped: boolean,
    node: Node,
    ident: ReadonlyArray<string>,
    args: ReadonlyArray<Node> | undefined,
    final: Final,
  ): Value {
    const n = ident.length
    for (let i = 0; i < n - 1; i++) {
      receiver = this.evalField(dot, ident[i], node, undefined, MISSING, receiver, wrapped)
      wrapped = this.lastWrapped
    }
    return this.evalField(dot, ident[n - 1], node, args, final, receiver, wrapped)
  }

  /** The function an identifier names (Go's evalFunction, split so that the call is not one frame deeper). */
  findFunction(node: IdentifierNode): { readonly fn: GoFunc; readonly builtin: boolean } {
    this.at(node)
    const f = this.ctx.findFunction(node.ident)
    return f ?? this.errorf(`${quote(node.ident)} is not a defined function`)
  }

  evalField(
    dot: Dot,
    name: string,
    node: Node,
    args: ReadonlyArray<Node> | undefined,
    final: Final,
    receiver: Value,
    wrapped: boolean,
  ): Value {
    this.lastWrapped = false
    if (receiver === undefined) {
      if (this.ctx.missingKey === 'error') this.errorf(`nil data; no entry for key ${quote(name)}`)
      return undefined
    }
    if (receiver === null) return this.errorf(`nil pointer evaluating interface {}.${name}`)
    const callArgs = args ? args.slice(1) : []
    const hasArgs = (args !== undefined && args.length > 1) || final !== MISSING
    if (isGoStruct(receiver)) {
      const m = receiver.method(name)
      if (m) return this.evalCall(dot, m, false, node, name, callArgs, final)
      const f = receiver.field(name)
      if (f) {
        if (hasArgs) this.errorf(`${name} has arguments but cannot be invoked as function`)
        return f.value ?? null
      }
    } else if (typeof receiver === 'object' && isGoMap(receiver)) {
      const methods = methodsOf(receiver)
      const m = methods && Object.hasOwn(methods, name) ? methods[name] : undefined
      if (m) return this.evalCall(dot, m, false, node, name, callArgs, final)
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`)
      this.lastWrapped = true
      if (Object.hasOwn(receiver, name)) return receiver[name] ?? null
      if (this.ctx.missingKey === 'error') this.errorf(`map has no entry for key ${quote(name)}`)
      return null
    }
    return this.errorf(`can't evaluate field ${name} in type ${wrapped ? 'interface {}' : typeName(receiver)}`)
  }

  evalCall(
    dot: Dot,
    fn: GoFunc,
    builtin: boolean,
    node: Node,
    name: string,
    args: ReadonlyArray<Node>,
    final: Final,
  ): Value {
    const sig = signatureOf(fn)
    const numIn = args.length + (final !== MISSING ? 1 : 0)
    const params = sig?.params ?? []
    const variadic: ParamType | undefined = sig ? sig.variadic : 'any'
    const numFixed = params.length
    if (variadic !== undefined) {
      if (numIn < numFixed)
        this.errorf(`wrong number of args for ${name}: want at least ${numFixed} got ${args.length}`)
    } else if (numIn !== numFixed) this.errorf(`wrong number of args for ${name}: want ${numFixed} got ${numIn}`)

    if (builtin && (name === 'and' || name === 'or')) {
      let v: Value
      for (const a of args) {
        v = this.evalArg(dot, 'reflect.Value', a)
        if (isTrue(v) === (name === 'or')) return v
      }
      if (final !== MISSING) v = this.validateType(final, 'reflect.Value')
      return v
    }
    const argv: Value[] = []
    let i = 0
    for (; i < numFixed && i < args.length; i++) argv.push(this.evalArg(dot, params[i], args[i]))
    for (; i < args.length; i++) argv.push(this.evalArg(dot, variadic!, args[i]))
    if (final !== MISSING) {
      let t: ParamType = params[numFixed - 1] ?? 'any'
      if (variadic !== undefined) t = numIn - 1 < numFixed ? params[numIn - 1] : variadic
      argv.push(this.validateType(final, t))
    }
    if (builtin && name === 'call')
      return this.callBuiltin(args.length ? nodeString(args[0]) : String(final as Value), node, argv)
    let r: Value
    try {
      r = fn(...argv)
    } catch (e) {
      if (isStackOverflow(e)) throw e
      this.at(node)
      if (e instanceof LimitExceeded || isAllocationFailure(e)) return this.limitExceeded(name, e)
      return this.errorf(`error calling ${name}: ${errorText(e)}`, e)
    }
    // every call may keep what it returns: a few bytes for the call, strings and lists by their size
    this.ctx.budget.charge(64 + shallowSize(r))
    return r === undefined ? null : r
  }

  /**
   * A limit passed inside function `name`: nested executions (include, tpl) pass it on untouched; the
   * execution of a chart's file reports it once, at its own call (Go's one-line text, no chain).
   */
  limitExceeded(name: string, e: unknown): never {
    const limit = e instanceof LimitExceeded ? e : this.ctx.budget.memoryExceeded()
    if (this.ctx.budget.executing > 1) throw limit
    return this.errorf(`error calling ${name}: ${limit.message}`, limit)
  }

  callBuiltin(callee: string, node: Node, argv: Value[]): Value {
    const [fn, ...rest] = argv
    const fail = (msg: string, cause?: unknown): never => {
      this.at(node)
      return this.errorf(`error calling call: ${msg}`, cause)
    }
    if (fn === undefined || fn === null) return fail('call of nil')
    if (typeof fn !== 'function') return fail(`non-function ${callee} of type ${typeName(fn)}`)
    const sig = signatureOf(fn)
    if (sig) {
      if (sig.variadic !== undefined && rest.length < sig.params.length)
        return fail(`wrong number of args for ${callee}: got ${rest.length} want at least ${sig.params.length}`)
      if (sig.variadic === undefined && rest.length !== sig.params.length)
        return fail(`wrong number of args for ${callee}: got ${rest.length} want ${sig.params.length}`)
    }
    let r: Value
    try {
      r = fn(...rest)
    } catch (e) {
      if (isStackOverflow(e)) throw e
      if (e instanceof LimitExceeded || isAllocationFailure(e)) {
        this.at(node)
        return this.limitExceeded('call', e)
      }
      return fail(errorText(e), e)
    }
    this.ctx.budget.charge(64 + shallowSize(r))
    return r === undefined ? null : r
  }

  validateType(v: Value, t: ParamType | undefined): Value {
    if (t === undefined) return v
    if (v === undefined) {
      if (t === 'reflect.Value') return undefined
      if (canBeNil(t)) return null
      return this.errorf(`invalid value; expected ${t}`)
    }
    if (t === 'any' || t === 'reflect.Value') return v
    const got = v === null ? 'interface {}' : typeName(v)
    if (got !== t) this.errorf(`wrong type for value; expected ${t}; got ${got}`)
    return v
  }

  evalArg(dot: Dot, t: ParamType | undefined, n: Node): Value {
    this.at(n)
    switch (n.type) {
      case 'dot':
        return this.validateType(dot.v, t)
      case 'nil':
        if (t === 'reflect.Value') return undefined
        if (t === undefined || canBeNil(t)) return null
        return this.errorf(`cannot assign nil to ${t}`)
      case 'field':
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), t)
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, undefined, MISSING), t)
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), t)
      case 'identifier': {
        const f = this.findFunction(n)
        return this.validateType(this.evalCall(dot, f.fn, f.builtin, n, n.ident, [], MISSING), t)
      }
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, undefined, MISSING), t)
    }
    switch (t) {
      case undefined:
      case 'any':
      case 'reflect.Value':
        if (n.type === 'bool') return n.val
        if (n.type === 'number') return this.idealConstant(n)
        if (n.type === 'string') return n.text
        return this.errorf(`can't handle assignment of ${nodeString(n)} to empty interface argument`)
      case 'bool':
        return n.type === 'bool' ? n.val : this.errorf(`expected bool; found ${nodeString(n)}`)
      case 'string':
        return n.type === 'string' ? n.text : this.errorf(`expected string; found ${nodeString(n)}`)
      case 'float64':
        return n.type === 'number' && n.isFloat ? n.float64 : this.errorf(`expected float; found ${nodeString(n)}`)
      case 'int':
      case 'int64':
        return n.type === 'number' && n.isInt
          ? new GoInt(n.int64, t)
          : this.errorf(`expected integer; found ${nodeString(n)}`)
      case 'uint8':
        return n.type === 'number' && n.isUint
          ? new GoInt(n.uint64 & 255n, t)
          : this.errorf(`expected unsigned integer; found ${nodeString(n)}`)
    }
    return this.errorf(`can't handle ${nodeString(n)} for arg of type ${t}`)
  }
}

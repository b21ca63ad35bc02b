/**
 * A parse or execution failure of a Go template. `message` is Go's full text
 * (`template: NAME:LINE: ...` for parse errors, `template: NAME:LINE:COL: executing "T" at <...>: ...`
 * for execution errors); `detail` is the part after the location; `cause` keeps a `GoError` thrown by a
 * function (e.g. `fail`, `required`) reachable.
 */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly kind: 'parse' | 'exec',
    readonly template: string,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
    override readonly cause?: unknown,
    /** For exec errors: the executing template's name and the node context printed in `at <...>`. */
    readonly executing?: { readonly name: string; readonly context: string },
  ) {
    super(message)
    this.name = 'TemplateError'
  }
}

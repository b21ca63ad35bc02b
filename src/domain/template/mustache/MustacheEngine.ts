import * as E from 'fp-ts/Either'
import Mustache from 'mustache'
import { templateFailed } from '../EngineError'
import { type EngineOptions, isPartial, type RenderJob, type TemplateEngine } from '../Engine'
import { type Value, GoInt, isGoStruct } from '../../go/Value'

/** A Go value as mustache view data: ints as numbers, bytes as text, structs through their `toPlain`. */
export const plainView = (v: Value): unknown => {
  if (v === null || v === undefined) return v
  if (v instanceof GoInt) return Number(v.value)
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8')
  if (Array.isArray(v)) return v.map(plainView)
  if (typeof v === 'function') return undefined
  if (isGoStruct(v)) {
    const p = (v as { toPlain?: () => Value }).toPlain
    return p ? plainView(p()) : v.format ? v.format() : undefined
  }
  if (typeof v === 'object') {
    const o: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) o[k] = plainView(x)
    return o
  }
  return v
}

const baseNoExt = (name: string): string => {
  const base = name.slice(name.lastIndexOf('/') + 1)
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(0, dot) : base
}

/**
 * Logic-less templates for charts that say `engine: mustache`: the same top-level view as gotpl
 * (Values, Release, Chart, Capabilities, Files as data, Template), no HTML escaping, and `_*` templates
 * usable as partials by base name without extension (`{{> _helpers}}`).
 */
export const mustacheEngine: TemplateEngine = {
  name: 'mustache',
  render: (jobs: ReadonlyArray<RenderJob>, _opts: EngineOptions) => {
    const partials: Record<string, string> = {}
    for (const j of jobs) if (baseNoExt(j.name).startsWith('_')) partials[baseNoExt(j.name)] = j.text
    const out = new Map<string, string>()
    for (const j of jobs) {
      if (isPartial(j.name)) continue
      const view = plainView({ ...j.scope, Template: { Name: j.name, BasePath: j.basePath } })
      try {
        out.set(j.name, Mustache.render(j.text, view, partials, { escape: (s: unknown) => String(s) }))
      } catch (e) {
        return E.left(templateFailed(`template: ${j.name}: ${e instanceof Error ? e.message : String(e)}`))
      }
    }
    return E.right(out)
  },
}

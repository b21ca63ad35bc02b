import type { ArgSpec, ClipanionMarker, FlagSpec } from './Flag'

/**
 * A clipanion `Option.*` declaration read as a pflag one, so a command still declaring fields with clipanion
 * parses under the front end: `Option.Boolean` is a bool flag, `Option.String`/`Option.Array` a string flag
 * (its value computed by clipanion's own transformer), a positional `Option.String()` one argument and
 * `Option.Rest`/`Option.Proxy` the remaining ones. New declarations use `Flag`/`Arg` (src/cli/front/Flag.ts).
 */
export const clipanionDeclaration = (
  key: string,
  marker: ClipanionMarker,
): { readonly key: string; readonly flag: FlagSpec } | { readonly key: string; readonly arg: ArgSpec } => {
  let found: { key: string; flag: FlagSpec } | { key: string; arg: ArgSpec } | undefined
  const builder = {
    addOption: (o: { names: string[]; arity: number; hidden?: boolean; description?: string }) => {
      const longs = o.names.filter((n) => n.startsWith('--')).map((n) => n.slice(2))
      const shorthand = o.names.find((n) => /^-[^-]$/.test(n))?.slice(1)
      const [name = key, ...aliases] = longs
      const run = (values: string[]) =>
        marker.transformer(
          builder,
          key,
          { options: values.map((value) => ({ name: o.names[0], value })), positionals: [] },
          { env: {} },
        )
      const type = o.arity === 0 ? 'bool' : Array.isArray(run(['a', 'b'])) ? 'stringArray' : 'string'
      const initial = run([]) ?? (type === 'stringArray' ? [] : undefined)
      found = {
        key,
        flag: {
          name,
          ...(shorthand !== undefined ? { shorthand } : {}),
          aliases,
          type,
          usage: o.description ?? '',
          defValue: type === 'stringArray' ? '[]' : initial === undefined ? '' : String(initial),
          initial,
          hidden: o.hidden === true,
          persistent: false,
        },
      }
    },
    addPositional: (p: { name?: string }) => {
      found = { key, arg: { kind: 'one', name: p.name ?? key } }
    },
    addRest: (p: { name?: string }) => {
      found = { key, arg: { kind: 'rest', name: p.name ?? key } }
    },
    addProxy: (p: { name?: string }) => {
      found = { key, arg: { kind: 'rest', name: p.name ?? key } }
    },
    arity: { leading: [], extra: [], trailing: [], proxy: false },
  }
  marker.definition(builder, key)
  if (!found) throw new Error(`unsupported clipanion declaration for field ${key}`)
  return found
}

// Test support: one sandbox per test file, a fresh namespace per store.
import { connect, type Rest } from '../../../src/adapters/k8s/Rest'
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/sandbox/Sandbox'

let counter = 0

/** Starts a sandbox and returns it with a connection and a namespace factory. */
export const sandboxWithRest = async (
  opts: SandboxOptions = {},
  restOpts: Parameters<typeof connect>[0] = {},
): Promise<{ sb: Sandbox; rest: Rest; namespace: () => Promise<string> }> => {
  const sb = await startSandbox(opts)
  const rest = await connect({ kubeconfigYaml: sb.kubeconfig, ...restOpts })
  const namespace = async (): Promise<string> => {
    const name = `store-${++counter}`
    const r = await rest.request({ method: 'POST', path: '/api/v1/namespaces', body: { metadata: { name } } })
    if (r.status !== 201) throw new Error(`cannot create namespace ${name}: ${r.text}`)
    return name
  }
  return { sb, rest, namespace }
}

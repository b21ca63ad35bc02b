// Kubernetes' name validators (apimachinery validation) with their exact texts, as `helm lint` reports them.
const SUBDOMAIN = '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*'
const LABEL_1123 = '[a-z0-9]([-a-z0-9]*[a-z0-9])?'
const LABEL_1035 = '[a-z]([-a-z0-9]*[a-z0-9])?'

const maxLen = (n: number): string => `must be no more than ${n} characters`

const subdomain = (name: string): string[] => {
  const errs: string[] = []
  if (name.length > 253) errs.push(maxLen(253))
  if (!new RegExp(`^${SUBDOMAIN}$`).test(name))
    errs.push(
      `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${SUBDOMAIN}')`,
    )
  return errs
}

const label1123 = (name: string): string[] => {
  const errs: string[] = []
  if (name.length > 63) errs.push(maxLen(63))
  if (!new RegExp(`^${LABEL_1123}$`).test(name))
    errs.push(
      `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '${LABEL_1123}')`,
    )
  return errs
}

const label1035 = (name: string): string[] => {
  const errs: string[] = []
  if (name.length > 63) errs.push(maxLen(63))
  if (!new RegExp(`^${LABEL_1035}$`).test(name))
    errs.push(
      `a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '${LABEL_1035}')`,
    )
  return errs
}

const pathSegment = (name: string): string[] => {
  if (name === '.' || name === '..') return [`may not be '${name}'`]
  const errs: string[] = []
  for (const bad of ['/', '%']) if (name.includes(bad)) errs.push(`may not contain '${bad}'`)
  return errs
}

const byKind = (kind: string): ((name: string) => string[]) => {
  switch (kind.toLowerCase()) {
    case 'service':
      return label1035
    case 'namespace':
      return label1123
    case 'certificatesigningrequest':
      return () => []
    case 'role':
    case 'clusterrole':
    case 'rolebinding':
    case 'clusterrolebinding':
      return pathSegment
    default:
      return subdomain
  }
}

/**
 * Helm 4's lint check of `metadata.name` for an object of `kind` (Service: DNS-1035 label, Namespace:
 * RFC 1123 label, RBAC kinds: path segment, most others: RFC 1123 subdomain). Returns the warning text,
 * or undefined when the name is valid.
 */
export const checkObjectName = (kind: string, name: string): string | undefined => {
  const errs = byKind(kind)(name)
  if (errs.length === 0) return undefined
  const detail = errs.map((e) => `metadata.name: Invalid value: ${JSON.stringify(name)}: ${e}`)
  const joined = detail.length === 1 ? detail[0] : `[${detail.join(', ')}]`
  return `object name does not conform to Kubernetes naming requirements: ${JSON.stringify(name)}: ${joined}`
}

// The name and label syntax rules of k8s.io/apimachinery/pkg/util/validation, each returning the API
// server's own error texts (empty when the value is valid).

const regexError = (msg: string, fmt: string, ...examples: ReadonlyArray<string>): string =>
  // Go's validation.RegexError joins the examples as `'a',  or 'b', ` (two spaces before "or")
  `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`
const maxLen = (n: number): string => `must be no more than ${n} characters`
const EMPTY = 'must be non-empty'

const QNAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'
const QNAME_RE = new RegExp(`^${QNAME_FMT}$`)
const QNAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
const LABEL_VALUE_FMT = `(${QNAME_FMT})?`
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`)
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
const DNS_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?'
const DNS_LABEL_RE = new RegExp(`^${DNS_LABEL_FMT}$`)
const DNS_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"
const DNS_SUBDOMAIN_FMT = `${DNS_LABEL_FMT}(\\.${DNS_LABEL_FMT})*`
const DNS_SUBDOMAIN_RE = new RegExp(`^${DNS_SUBDOMAIN_FMT}$`)
const DNS_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"

/** `IsDNS1123Label`: at most 63 lowercase alphanumerics or '-', alphanumeric at both ends. */
export const isDns1123Label = (v: string): string[] => [
  ...(v.length > 63 ? [maxLen(63)] : []),
  ...(DNS_LABEL_RE.test(v) ? [] : [regexError(DNS_LABEL_MSG, DNS_LABEL_FMT, 'my-name', '123-abc')]),
]

/** `IsDNS1123Subdomain`: dot-separated DNS labels, at most 253 characters. */
export const isDns1123Subdomain = (v: string): string[] => [
  ...(v.length > 253 ? [maxLen(253)] : []),
  ...(DNS_SUBDOMAIN_RE.test(v) ? [] : [regexError(DNS_SUBDOMAIN_MSG, DNS_SUBDOMAIN_FMT, 'example.com')]),
]

/** `IsQualifiedName`: a label or annotation key, `[prefix/]name` (prefix a DNS subdomain, name ≤ 63). */
export const isQualifiedName = (v: string): string[] => {
  const parts = v.split('/')
  if (parts.length > 2)
    return [
      `a qualified name ${regexError(QNAME_MSG, QNAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ]
  const errs: string[] = []
  const name = parts.length === 2 ? parts[1]! : parts[0]!
  if (parts.length === 2) {
    const prefix = parts[0]!
    if (prefix === '') errs.push(`prefix part ${EMPTY}`)
    else errs.push(...isDns1123Subdomain(prefix).map((m) => `prefix part ${m}`))
  }
  if (name === '') errs.push(`name part ${EMPTY}`)
  else if (name.length > 63) errs.push(`name part ${maxLen(63)}`)
  if (!QNAME_RE.test(name)) errs.push(`name part ${regexError(QNAME_MSG, QNAME_FMT, 'MyName', 'my.name', '123-abc')}`)
  return errs
}

/** `IsValidLabelValue`: empty, or at most 63 alphanumerics, '-', '_' or '.', alphanumeric at both ends. */
export const isValidLabelValue = (v: string): string[] => [
  ...(v.length > 63 ? [maxLen(63)] : []),
  ...(LABEL_VALUE_RE.test(v) ? [] : [regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345')]),
]

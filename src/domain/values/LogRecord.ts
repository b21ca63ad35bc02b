import { goQuote } from './GoText'

/** One line Helm 4 logs through Go's slog while computing values: a level, a message and attributes in order. */
export interface LogRecord {
  readonly level: 'INFO' | 'WARN'
  readonly msg: string
  readonly attrs: ReadonlyArray<readonly [key: string, value: string]>
}

/** A coalescing warning (`warning: skipped value for ...`): Helm 4 prints them through `log.Printf`, i.e. at INFO. */
export const infoRecord = (msg: string): LogRecord => ({ level: 'INFO', msg, attrs: [] })

// slog's TextHandler quotes a value that is empty or holds a space, '=', '"', a control or a non-printable rune.
const needsQuoting = (s: string): boolean => s === '' || /[\s="\p{Cc}\p{Cf}\p{Co}\p{Cn}\uFFFD]/u.test(s)

const textValue = (s: string): string => (needsQuoting(s) ? goQuote(s) : s)

/** The record as Helm 4 prints it on stderr: `level=WARN msg="..." key=value ...` (slog's text format, no time). */
export const slogText = (r: LogRecord): string =>
  [`level=${r.level}`, `msg=${textValue(r.msg)}`, ...r.attrs.map(([k, v]) => `${k}=${textValue(v)}`)].join(' ')

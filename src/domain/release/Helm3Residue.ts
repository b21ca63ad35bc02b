/**
 * Beyond Helm v2: what a release record read from Helm 3/4 storage holds that Helm v2's model has no field
 * for, kept on the Release so that the record is written back as Helm wrote it (see release/helm3). Each
 * part is used only while what it refines is unchanged: a file's modtime while the file is there, a hook's
 * last run while the hook is, a time's spelling while the instant is the same.
 */
export interface Helm3Residue {
  /** The record object's labels other than Helm's own: Helm 4's release labels (`helm install --labels`). */
  readonly labels?: Readonly<Record<string, string>>
  /** Helm 4's `apply_method` (`ssa`, `csa`). */
  readonly applyMethod?: string
  /** Times spelled otherwise than UTC `Z` (RFC 3339 with an offset): written back so where the instant is the same. */
  readonly times?: ReadonlyArray<string>
  /** `info.resources` as JSON text. */
  readonly resources?: string
  /** Per hook (index, name and path must still match): what its last run and its spelling hold beyond Helm v2's Hook. */
  readonly hooks?: ReadonlyArray<Helm3HookResidue | null>
  readonly chart?: Helm3ChartResidue
}

export interface Helm3HookResidue {
  readonly name: string
  readonly path: string
  /**
   * `last_run` of a hook that is not a test (a test's is its TestRun), when more than Helm v2's `lastRun`
   * (its `started_at`): kept while the hook's lastRun is still `startedAt`.
   */
  readonly startedAt?: string
  readonly completedAt?: string
  readonly phase?: string
  /** Helm 4's `output_log_policies`. */
  readonly outputLogPolicies?: ReadonlyArray<string>
  /** The event strings when their spelling is not the one written back by default (`test-success`, unknown ones). */
  readonly events?: ReadonlyArray<string>
}

export interface Helm3ChartResidue {
  readonly modTime?: string
  readonly schemaModTime?: string
  /** The modtime of each template and file, by path. */
  readonly fileModTimes?: Readonly<Record<string, string>>
  /** How an empty `templates`, `files` or `values` was written when not as by default (null, `[]`, `{}`). */
  readonly emptyAs?: Readonly<Partial<Record<'templates' | 'files' | 'values', 'null' | 'empty'>>>
}

/** The value flags of install/upgrade/template/lint as typed (each repeatable), in the order Helm reads them. */
export interface ValueOptions {
  readonly valueFiles?: ReadonlyArray<string>
  readonly values?: ReadonlyArray<string>
  readonly stringValues?: ReadonlyArray<string>
  readonly fileValues?: ReadonlyArray<string>
  readonly jsonValues?: ReadonlyArray<string>
  readonly literalValues?: ReadonlyArray<string>
}

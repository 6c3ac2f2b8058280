// The package version (kept equal to package.json's by a test).

/** Version of the pathwise package. */
export const version = '0.1.0';

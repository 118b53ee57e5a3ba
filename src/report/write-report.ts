/**
 * The HTML report: STUB, replaced by the report engineer.
 */

/**
 * Write `<outDir>/report/index.html` and its pages from an output folder.
 * @param outDir a folder written by `byline annotate`
 * @returns the path of index.html
 */
export async function writeReport(outDir: string): Promise<string> {
  throw new Error(`Unexpected call: the report is not implemented yet (output folder \`${outDir}\`)`);
}

// The conformance runner (scripts/conformance.ts) as a page module: the same code the Node CLI
// runs, fed ../shared/conformance/torch-cases.json over HTTP.
import { runFile, type CasesFile, type Outcome } from '../../../scripts/conformance.js';

export async function run(casesUrl: string): Promise<Outcome[]> {
  const file = await (await fetch(casesUrl)).json() as CasesFile;
  return runFile(file);
}

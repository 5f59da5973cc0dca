/**
 * The program's version: a hash of the sources, fixed into the compiled CLI when it is built
 * (scripts/cli.mjs) and computed from the sources when they run as TypeScript (tests, tsx).
 * Outputs made by another version are rebuilt.
 */
import { sourceKey } from '../scripts/source-key.mjs';

let computed: string | undefined;

export function programVersion(): string {
  return process.env.BHXH_PROGRAM_VERSION ?? (computed ??= sourceKey());
}

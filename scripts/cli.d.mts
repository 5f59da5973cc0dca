export const WORKER_ENTRIES: Record<string, string>;
export function compile(entries: Record<string, string>, outdir: string, version?: string): Promise<void>;

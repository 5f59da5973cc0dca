export const ROOT: string;
export function sourceKey(): string;

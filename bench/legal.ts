import type { Result } from './lib.ts';

// Scaffold: the legal documents benchmark of issue 17.
export async function benchLegal(): Promise<Result[]> {
  return [];
}

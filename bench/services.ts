import type { Result } from './lib.ts';

// Scaffold: the public services benchmark of issue 18.
export async function benchServices(): Promise<Result[]> {
  return [];
}

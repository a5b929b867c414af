import type { FastifyBaseLogger } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/client.ts';
import type { Services } from './context.ts';
import type { JobDefinition, ScheduleDefinition } from './jobs/index.ts';

/**
 * Hook slots: how a module calls out to another that depends on it, without importing it (documents
 * hands releases to the exchange; agencies tells people of a merge). The module that calls declares
 * its slot by declaration merging:
 *
 *     declare module '../../platform/modules.ts' {
 *       interface Hooks { outsideExchange?: OutsideExchange }
 *     }
 *
 * another module fills it in its descriptor's `provides`, and the composition (`composeHooks`) puts
 * the result in the services every request and job gets (`ctx.hooks`). A slot holding an array
 * collects the entries of every module that provides it, in the order of the module list; any other
 * slot takes one provider. A slot nobody fills is undefined: the module that would fill it is not
 * part of this composition, and the caller does without.
 */
// biome-ignore lint/suspicious/noEmptyInterface: the modules that declare slots fill it (see above)
export interface Hooks {}

/** Work beside the job runner (mail's IMAP IDLE watcher): started with the runner, stopped before it. */
export interface Background {
  stop(): Promise<void>;
}

/**
 * What a module brings to the application; each module's index.ts exports one, and
 * src/server/modules/index.ts lists them. app.ts registers the routes and composes the hooks,
 * runtime.ts builds the job runner, the schedules and the background work from the same list.
 */
export interface ModuleDescriptor {
  /** The module's folder name. */
  readonly name: string;
  /** Its HTTP routes (each a Fastify plugin; every route names its permission, see access/guard.ts). */
  readonly routes?: readonly FastifyPluginAsyncZod[];
  /** The kinds of jobs it handles (see jobs/define.ts). */
  readonly jobs?: readonly JobDefinition[];
  /** Its recurring jobs (only jobs of its own). */
  readonly schedules?: readonly ScheduleDefinition[];
  /** What it puts into other modules' hook slots. */
  readonly provides?: Partial<Hooks>;
  /** Started when the process runs jobs (JOBS_ENABLED), after the runner. */
  readonly background?: (services: Services, log: FastifyBaseLogger) => Promise<Background>;
  /**
   * Its demo data, loaded by `seed-demo` (src/server/demo/seed.ts) inside the seeding transaction,
   * after the demo agencies and people are in; only when the demo is seeded. Reads the agencies
   * and people through their modules' index. `env.dataDir` is the installation's data directory (for
   * data sealed with a key kept there).
   */
  readonly seedDemo?: (db: Db, env: DemoEnv) => Promise<void>;
}

/** What a module's demo seed may know of the installation. */
export interface DemoEnv {
  dataDir: string;
}

/** Fills the hook slots from the modules' `provides`, in the order of the list (see Hooks). */
export function composeHooks(modules: readonly ModuleDescriptor[]): Hooks {
  const hooks: Record<string, unknown> = {};
  const by: Record<string, string> = {};
  for (const m of modules) {
    for (const [slot, value] of Object.entries(m.provides ?? {})) {
      if (value === undefined) continue;
      const had = hooks[slot];
      if (Array.isArray(value)) hooks[slot] = [...((had as unknown[] | undefined) ?? []), ...value];
      else if (had !== undefined)
        throw new Error(`hook ${slot} is provided by both ${by[slot]} and ${m.name}; it takes one provider`);
      else hooks[slot] = value;
      by[slot] = m.name;
    }
  }
  return Object.freeze(hooks) as Hooks;
}

/** Every module's jobs; a kind defined twice is refused by the runner. */
export function jobsOf(modules: readonly ModuleDescriptor[]): JobDefinition[] {
  return modules.flatMap((m) => m.jobs ?? []);
}

/** Every module's schedules; a schedule must run a job of its own module. */
export function schedulesOf(modules: readonly ModuleDescriptor[]): ScheduleDefinition[] {
  return modules.flatMap((m) => {
    const kinds = new Set((m.jobs ?? []).map((j) => j.kind));
    for (const s of m.schedules ?? [])
      if (!kinds.has(s.kind))
        throw new Error(
          `schedule ${s.name} of module ${m.name} runs ${s.kind}, which is not one of its jobs`,
        );
    return m.schedules ?? [];
  });
}

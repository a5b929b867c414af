// What other modules may use from files (the shared upload endpoint; the blob store is platform/blobs).

export { filesModule } from './module.ts';

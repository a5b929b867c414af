// What other modules may use from admin (nothing yet: it only reads others through their index.ts).

export { adminModule } from './module.ts';

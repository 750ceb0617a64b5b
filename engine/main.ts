/** `engine <all|worker|api|codec>` (npm run engine -- <role>, or the `engine` bin): see engine/engine.ts. */
import { engineMain } from './engine.js';

engineMain(process.argv.slice(2));

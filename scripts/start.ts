/**
 * `npm start`: the engine in one process — `engine all` (engine/engine.ts).
 * - Embedded default: the Temporal dev server (SQLite under the data directory, Web UI on), the worker,
 *   the HTTP API with the web console, the codec server, and a self-check workflow proving the stack
 *   works end to end.
 * - With TEMPORAL_ADDRESS set: no embedded server; the worker connects there (namespace, TLS, API key
 *   from Temporal's usual environment variables / profile) and fails within seconds if unreachable.
 * Ctrl-C stops everything cleanly (worker drains, then the server stops). A deployment runs the parts
 * apart: `engine worker` (several), `engine api`, `engine codec` (docs/deployment.md).
 */
import { engineMain } from '../engine/engine.js';

engineMain(['all']);

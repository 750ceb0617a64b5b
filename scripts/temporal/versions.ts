/**
 * Pinned versions of the Temporal servers the project provisions for itself.
 *
 * - The dev server is the Temporal CLI built from Go modules. v1.5.1 is the newest CLI release whose
 *   go.mod has no `replace` directive, so `go install …@v1.5.1` works from the Go module proxy.
 * - The time-skipping test server is the Java SDK's `io.temporal:temporal-test-server` (the native
 *   binary the TypeScript SDK downloads is a GraalVM build of the same class).
 */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
export const TEST_SERVER_GROUP = 'io.temporal';
export const TEST_SERVER_ARTIFACT = 'temporal-test-server';
export const TEST_SERVER_VERSION = '1.38.0';
export const TEST_SERVER_MAIN_CLASS = 'io.temporal.testserver.TestServer';
/** Bumped whenever the way the test-server bundle is assembled changes, so old cache entries are not reused. */
export const TEST_SERVER_RECIPE = 2;

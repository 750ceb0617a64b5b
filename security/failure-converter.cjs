// The engine's failure converter, loaded by path (Temporal requires it so: the worker bundles it into the
// workflow sandbox). encodeCommonAttributes moves failure messages and stack traces into an encoded
// (and, through the payload codec, encrypted) attribute: an error text that mentions PHI never reaches
// the Temporal cluster in clear. Plain CommonJS so that every loader (tsx, vitest, webpack) can require it.
'use strict';
const { DefaultFailureConverter } = require('@temporalio/common');

exports.failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });

// What test folders share, in one module (import from 'test/helpers'):
//
// - fixtures.ts: where the Frappe 15.44.2 recordings are;
// - replay.ts + compare.ts: replaying a recorded area against the test server, and comparing a live response with a
//   recording (volatile paths, the recorder's truncation, names learnt along the way);
// - webhook-recordings.ts: the recorded webhook deliveries and Webhook exchanges, typed;
// - receiver.ts: a plain HTTP server that keeps what the server's webhooks send, and `waitFor` to poll for it.
export * from './compare';
export * from './fixtures';
export * from './receiver';
export * from './replay';
export * from './webhook-recordings';

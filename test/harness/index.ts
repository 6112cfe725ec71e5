export { N8nHarness, type NodeUnderTest, type NodeRunResult } from './harness';
export { TriggerUnderTest, type Delivery } from './trigger';
export { PollerUnderTest, type PollTick } from './poll';
export { CredentialStore, TestCredentialsHelper, type StoredCredential } from './credentials';
export { TestNodeTypes } from './node-types';

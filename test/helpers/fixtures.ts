// Where the recordings of a real Frappe 15.44.2 live: one folder per area (auth, v1, v2, webhooks, oauth2, ...).
import { join } from 'node:path';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'frappe-15.44.2');

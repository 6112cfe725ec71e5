// Replay of the auth recordings (login, API keys, malformed headers, expired sessions, logout, CSRF).
import { replayArea } from '../helpers';

replayArea('auth', {
	preludes: {
		// the recording run logged in again after the logout (the exchange is not in the set)
		'auth/27-csrf-post-before-desk-visit': (r) => r.login(),
	},
});

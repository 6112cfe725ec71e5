// What each credential type's user is told when Frappe refuses it: by the credential test and at
// run time alike.

export interface CredentialRefusal {
	/** A 401: Frappe did not accept the credential. */
	unauthorized: string;
	/** A 403 as Guest: the credential did not reach Frappe. */
	guestForbidden: string;
	/** A 200 naming Guest. */
	guestAnswer: string;
}

export const CREDENTIAL_REFUSALS: Record<string, CredentialRefusal> = {
	frappeApi: {
		unauthorized:
			'Frappe rejected the API key or secret (401): check both values, or generate new keys for the user',
		guestForbidden:
			'Frappe answered as Guest (403): the Authorization header did not reach Frappe (check any proxy in front of it) or the key is not accepted',
		guestAnswer: 'Frappe answered as Guest: the API key and secret were not applied',
	},
	frappeOAuth2Api: {
		unauthorized:
			'Frappe rejected the access token (401): it is expired, revoked or unknown; reconnect the credential',
		guestForbidden:
			'Frappe answered as Guest (403): the access token did not reach Frappe (check any proxy in front of it)',
		guestAnswer: 'Frappe answered as Guest: the access token was not applied',
	},
	frappeSessionApi: {
		unauthorized: 'Frappe rejected the session (401): check the username and password',
		guestForbidden:
			'Frappe accepted the login but answered the next request as Guest (403): the session cookie did not reach Frappe (check any proxy in front of it)',
		guestAnswer: 'Frappe answered as Guest: the session cookie was not applied',
	},
};

// System Settings (frappe/core/doctype/system_settings), a single doctype.
import type { DocTypeSpec } from '../meta';
import { ALL_DESK_PROPS, f } from './common';
import type { CoreDocType } from './controller';

export const SYSTEM_SETTINGS_SPEC: DocTypeSpec = {
	name: 'System Settings',
	module: 'Core',
	issingle: 1,
	...ALL_DESK_PROPS,
	fields: [
		f('app_name', 'Data', 'App Name'),
		f('session_expiry', 'Data', 'Session Expiry (idle timeout)'),
		f(
			'allow_error_traceback',
			'Check',
			'Show Full Error and Allow Reporting of Issues to the Developer',
		),
		f('max_file_size', 'Int', 'Max File Size (MB)'),
		f('allow_guests_to_upload_files', 'Check', 'Allow Guests to Upload Files'),
		f('allow_consecutive_login_attempts', 'Int', 'Allow Consecutive Login Attempts'),
		f('allow_login_after_fail', 'Int', 'Allow Login After Fail'),
		f('enable_two_factor_auth', 'Check', 'Enable Two Factor Auth'),
		f('force_user_to_reset_password', 'Int', 'Force User to Reset Password'),
	],
	permissions: [{ role: 'System Manager', read: 1, write: 1, create: 1 }],
};

export const SYSTEM_SETTINGS: CoreDocType = { spec: SYSTEM_SETTINGS_SPEC };

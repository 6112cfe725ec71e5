// Python tracebacks as Frappe 15.44.2 reports them in `exc` / v2 `errors[].exception`.
// Every kind starts exactly like the recordings (their first 300 characters are compared); the rest is a plausible
// continuation ending with the exception line.

export type TracebackKind =
	| 'api' // raised inside frappe.api.handle (resource and method endpoints)
	| 'login' // LoginManager inside HTTPRequest()
	| 'apikey' // validate_auth_via_api_keys: unknown key / wrong secret
	| 'auth' // validate_auth: a two-word Authorization header that authenticated nobody
	| 'dbinsert' // duplicate primary key in base_document.db_insert
	| 'formdict' // json.loads of the request body in make_form_dict
	| 'import' // load_doctype_module of an unknown doctype
	| 'v2getattr' // /api/v2/method/<unknown>
	| 'getattr' // /api/method/<unknown>
	| 'ratelimit'; // rate_limiter.apply in before_request

const f = (file: string, line: number, fn: string, code: string, carets?: string) =>
	`  File "${file}", line ${line}, in ${fn}\n    ${code}\n` + (carets ? `    ${carets}\n` : '');

const APP = 'apps/frappe/frappe/app.py';
const API = 'apps/frappe/frappe/api/__init__.py';

const API_HEAD =
	'Traceback (most recent call last):\n' +
	f(
		APP,
		114,
		'application',
		'response = frappe.api.handle(request)',
		'           ^^^^^^^^^^^^^^^^^^^^^^^^^^',
	) +
	f(API, 49, 'handle', 'data = endpoint(**arguments)', '       ^^^^^^^^^^^^^^^^^^^^^');

const FRAMES: Record<TracebackKind, string> = {
	api:
		API_HEAD +
		f(
			'apps/frappe/frappe/api/v1.py',
			36,
			'handle_endpoint',
			'return frappe.call(endpoint, **frappe.form_dict)',
			'       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
		) +
		f(
			'apps/frappe/frappe/__init__.py',
			1775,
			'call',
			'return fn(*args, **newargs)',
			'       ^^^^^^^^^^^^^^^^^^^^^^^^^^^',
		) +
		f('apps/frappe/frappe/model/document.py', 303, 'insert', 'self.run_before_save_methods()'),
	login:
		'Traceback (most recent call last):\n' +
		f(APP, 99, 'application', 'init_request(request)') +
		f(
			APP,
			195,
			'init_request',
			'frappe.local.http_request = HTTPRequest()',
			'                            ^^^^^^^^^^^^^',
		) +
		f(
			'apps/frappe/frappe/auth.py',
			49,
			'__init__',
			'frappe.local.login_manager = LoginManager()',
			'                             ^^^^^^^^^^^^^^',
		) +
		f('apps/frappe/frappe/auth.py', 145, '__init__', 'self.login()') +
		f('apps/frappe/frappe/auth.py', 288, 'login', 'self.authenticate(user=user, pwd=pwd)') +
		f(
			'apps/frappe/frappe/auth.py',
			340,
			'authenticate',
			'self.fail("Invalid login credentials", user=user)',
		) +
		f('apps/frappe/frappe/auth.py', 416, 'fail', 'raise frappe.AuthenticationError'),
	apikey:
		'Traceback (most recent call last):\n' +
		f(APP, 101, 'application', 'validate_auth()') +
		f(
			'apps/frappe/frappe/auth.py',
			601,
			'validate_auth',
			'validate_auth_via_api_keys(authorization_header)',
		) +
		f(
			'apps/frappe/frappe/auth.py',
			667,
			'validate_auth_via_api_keys',
			'validate_api_key_secret(api_key, api_secret, frappe_authorization_source)',
		) +
		f(
			'apps/frappe/frappe/auth.py',
			693,
			'validate_api_key_secret',
			'raise frappe.AuthenticationError',
		),
	auth:
		'Traceback (most recent call last):\n' +
		f(APP, 101, 'application', 'validate_auth()') +
		f('apps/frappe/frappe/auth.py', 608, 'validate_auth', 'raise frappe.AuthenticationError'),
	dbinsert:
		'Traceback (most recent call last):\n' +
		f('apps/frappe/frappe/model/base_document.py', 554, 'db_insert', 'frappe.db.sql(') +
		f(
			'apps/frappe/frappe/database/database.py',
			227,
			'sql',
			'self._cursor.execute(query, values)',
		) +
		f(
			'env/lib/python3.11/site-packages/pymysql/cursors.py',
			153,
			'execute',
			'result = self._query(query)',
			'         ^^^^^^^^^^^^^^^^^^^',
		) +
		f('env/lib/python3.11/site-packages/pymysql/cursors.py', 322, '_query', 'conn.query(q)') +
		f(
			'env/lib/python3.11/site-packages/pymysql/connections.py',
			563,
			'query',
			'self._affected_rows = self._read_query_result(unbuffered=unbuffered)',
		) +
		f(
			'env/lib/python3.11/site-packages/pymysql/err.py',
			150,
			'raise_mysql_exception',
			'raise errorclass(errno, errval)',
		),
	formdict:
		'Traceback (most recent call last):\n' +
		f(APP, 99, 'application', 'init_request(request)') +
		f(APP, 192, 'init_request', 'make_form_dict(request)') +
		f(
			APP,
			296,
			'make_form_dict',
			'args = json.loads(request.get_data(as_text=True))',
			'       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
		) +
		f(
			'/usr/lib/python3.11/json/__init__.py',
			346,
			'loads',
			'return _default_decoder.decode(s)',
			'       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
		) +
		f(
			'/usr/lib/python3.11/json/decoder.py',
			337,
			'decode',
			'obj, end = self.raw_decode(s, idx=_w(s, 0).end())',
			'           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
		),
	import:
		'Traceback (most recent call last):\n' +
		f(
			'apps/frappe/frappe/modules/utils.py',
			254,
			'load_doctype_module',
			'doctype_python_modules[key] = frappe.get_module(module_name)',
			'                              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
		) +
		f(
			'apps/frappe/frappe/__init__.py',
			1483,
			'get_module',
			'return importlib.import_module(modulename)',
			'       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
		) +
		f(
			'/usr/lib/python3.11/importlib/__init__.py',
			126,
			'import_module',
			'return _bootstrap._gcd_import(name[level:], package, level)',
		),
	v2getattr:
		'Traceback (most recent call last):\n' +
		f(
			'apps/frappe/frappe/api/v2.py',
			46,
			'handle_rpc_call',
			'method = frappe.get_attr(method)',
			'         ^^^^^^^^^^^^^^^^^^^^^^^',
		) +
		f(
			'apps/frappe/frappe/__init__.py',
			1765,
			'get_attr',
			'return getattr(get_module(modulename), methodname)',
			' ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
		) +
		f(
			'apps/frappe/frappe/api/v2.py',
			48,
			'handle_rpc_call',
			'frappe.throw(_("Failed to get method {0} with {1}").format(method, e))',
		),
	getattr:
		'Traceback (most recent call last):\n' +
		f(
			'apps/frappe/frappe/handler.py',
			74,
			'execute_cmd',
			'method = get_attr(cmd)',
			'         ^^^^^^^^^^^^^',
		) +
		f(
			'apps/frappe/frappe/handler.py',
			287,
			'get_attr',
			'method = frappe.get_attr(cmd)',
			'         ^^^^^^^^^^^^^^^^^^^^',
		) +
		f(
			'apps/frappe/frappe/__init__.py',
			1765,
			'get_attr',
			'return getattr(get_module(modulename), methodname)',
			' ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
		) +
		f(
			'apps/frappe/frappe/handler.py',
			80,
			'execute_cmd',
			'frappe.throw(_("Failed to get method for command {0} with {1}").format(cmd, e))',
		),
	ratelimit:
		'Traceback (most recent call last):\n' +
		f(APP, 99, 'application', 'init_request(request)') +
		f(APP, 198, 'init_request', 'frappe.call(before_request_task)') +
		f(
			'apps/frappe/frappe/__init__.py',
			1775,
			'call',
			'return fn(*args, **newargs)',
			'       ^^^^^^^^^^^^^^^^^^^^^^^^^^^',
		) +
		f('apps/frappe/frappe/rate_limiter.py', 29, 'apply', 'frappe.local.rate_limiter.apply()') +
		f('apps/frappe/frappe/rate_limiter.py', 68, 'apply', 'self.reject()') +
		f('apps/frappe/frappe/rate_limiter.py', 77, 'reject', 'raise frappe.TooManyRequestsError'),
};

/** One traceback ending with the exception line, e.g. "frappe.exceptions.ValidationError: message". */
export function makeTraceback(kind: TracebackKind, exceptionLine: string): string {
	return FRAMES[kind] + exceptionLine + '\n';
}

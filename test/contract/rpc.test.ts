// Replay of the rpc recordings (/api/method: frappe.client.*, method errors, getdoctype, DocType lists, search_link).
import { replayArea } from '../helpers';

replayArea('rpc', {
	preludes: {
		// the ToDo the get_value/set_value exchanges read was created by an exchange that is not in the set
		'rpc/03-get-value-string': async (r) => {
			const doc = await r.create('ToDo', { description: 'rec-mwu4d8i4 rpc', priority: 'Low' });
			r.names.bind('41p3a6i36p', doc.name as string);
		},
	},
});

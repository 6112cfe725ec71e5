// Replay of the v1 recordings (/api/resource CRUD, child tables, lists, filters, operators, paging).
import { replayArea } from '../helpers';

replayArea('v1', {
	preludes: {
		// an Administrator's ToDo the limited user may not read (created outside the recorded exchanges)
		'v1/30-limited-get': async (r) => {
			const doc = await r.create('ToDo', { description: 'rec-mwu4d8i4 admin only' });
			r.names.bind('41nis8u8s4', doc.name as string);
		},
	},
});

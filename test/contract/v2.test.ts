// Replay of the v2 recordings (/api/v2/document|method|doctype, errors[] bodies, paging quirks).
import { replayArea } from '../helpers';

replayArea('v2', {
	preludes: {
		// the Sales Voucher submitted through /method/submit was created by an exchange that is not in the set
		'v2/20-doc-method-submit': async (r) => {
			const doc = await r.create('Sales Voucher', {
				customer: 'rec-mwu4d8i4 v2 submit',
				posting_date: '2024-03-15',
				grand_total: 120,
				items: [
					{ item: 'Widget', qty: 2, rate: 30 },
					{ item: 'Gadget', qty: 1, rate: 60 },
				],
			});
			r.names.bind('41oqvcj97d', doc.name as string);
		},
		// the first of the two identical Tag inserts is not in the set
		'v2/39-duplicate-409': async (r) => {
			await r.create('Tag', { name: 'rec-v2tag-mwu4d8i4' });
		},
	},
});

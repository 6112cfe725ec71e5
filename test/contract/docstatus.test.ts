// Replay of the docstatus recordings (submit/cancel/amend through PUT, run_method and frappe.client).
import { replayArea, type Recording } from '../helpers';

replayArea('docstatus', {
	preludes: {
		// the Sales Voucher frappe.client.submit receives was created by an exchange that is not in the set
		'docstatus/11-client-submit': async (r) => {
			const sent = (r.recording as Recording | undefined) && undefined;
			void sent;
			const rec = loadDoc('docstatus', '11-client-submit');
			const doc = await r.create('Sales Voucher', {
				customer: rec.customer,
				posting_date: rec.posting_date,
				grand_total: rec.grand_total,
				items: (rec.items as Record<string, unknown>[]).map(({ item, qty, rate }) => ({
					item,
					qty,
					rate,
				})),
			});
			r.bindDoc(rec, doc);
		},
	},
});

function loadDoc(area: string, file: string): Record<string, unknown> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const rec = require(`../fixtures/frappe-15.44.2/${area}/${file}.json`) as Recording;
	return (rec.request.body.value as { doc: Record<string, unknown> }).doc;
}

// Amend, Copy, Rename and Get Document Info through n8n's engine against the test server (Frappe's naming of
// amendments, rename_doc and getdoc as recorded in lifecycle/ and desk/), on API v1 and v2.
import type { IDataObject } from 'n8n-workflow';

import {
	PURCHASE_REQUEST_ITEM_SPEC,
	PURCHASE_REQUEST_SPEC,
} from '../../frappe-server/doctypes/purchase-request';
import { byName, DocumentTestbed, VERSIONS } from '../document/support';
import { newVoucher, SV } from './support';

const PR = 'Purchase Request';

let bed: DocumentTestbed;

beforeAll(async () => {
	bed = await DocumentTestbed.start();
	bed.server.store.defineDocType(PURCHASE_REQUEST_ITEM_SPEC, { custom: true });
	bed.server.store.defineDocType(PURCHASE_REQUEST_SPEC, { custom: true });
});

afterAll(async () => await bed.close());

function newRequest(title: string): string {
	return bed.server.store.insert(PR, {
		title,
		total: 10,
		items: [{ item: 'Pen', qty: 2, rate: 5 }],
	}).name as string;
}

describe.each(VERSIONS)('Lifecycle on API %s', (apiVersion) => {
	describe('Amend', () => {
		it('makes <name>-1 from a cancelled document, then <name>-2 from the cancelled amendment', async () => {
			const name = newVoucher(bed.server.store, `${apiVersion} amend`, 120);
			bed.server.store.submit(SV, name);
			bed.server.store.cancel(SV, name);
			const [first] = await bed.ok({
				apiVersion,
				operation: 'amend',
				doctype: SV,
				documentName: byName(name),
				options: { changes: '{"posting_date": "2025-06-30"}' },
			});
			expect(first).toMatchObject({
				name: `${name}-1`,
				amended_from: name,
				docstatus: 0,
				customer: `${apiVersion} amend`,
				posting_date: '2025-06-30',
			});
			const rows = first.items as IDataObject[];
			expect(rows.map((r) => [r.item, r.qty, r.rate])).toEqual([['Widget', 1, 120]]);
			expect(rows[0].name).not.toBe(
				bed.server.store.get(SV, name)?.items &&
					(bed.server.store.get(SV, name)!.items as IDataObject[])[0].name,
			);
			bed.server.store.submit(SV, `${name}-1`);
			bed.server.store.cancel(SV, `${name}-1`);
			const [second] = await bed.ok({
				apiVersion,
				operation: 'amend',
				doctype: SV,
				documentName: byName(`${name}-1`),
			});
			expect(second).toMatchObject({ name: `${name}-2`, amended_from: `${name}-1` });
		});

		it('refuses to amend a draft, before writing anything', async () => {
			const name = newVoucher(bed.server.store, `${apiVersion} draft`, 50);
			const before = bed.server.store.count(SV);
			const result = await bed.run({
				apiVersion,
				operation: 'amend',
				doctype: SV,
				documentName: byName(name),
			});
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe(`${SV} ${name} is a draft, so it cannot be amended`);
			expect(bed.server.store.count(SV)).toBe(before);
		});
	});

	describe('Copy', () => {
		it('makes a new draft like the document, with its rows and the changes given', async () => {
			const name = newVoucher(bed.server.store, `${apiVersion} copy source`, 80);
			bed.server.store.submit(SV, name);
			const [copy] = await bed.ok({
				apiVersion,
				operation: 'copy',
				doctype: SV,
				documentName: byName(name),
				options: { changes: JSON.stringify({ customer: `${apiVersion} copy target` }) },
			});
			expect(copy.name).not.toBe(name);
			expect(copy).toMatchObject({
				docstatus: 0,
				customer: `${apiVersion} copy target`,
				grand_total: 80,
			});
			expect(copy.amended_from ?? null).toBeNull();
			expect((copy.items as IDataObject[]).map((r) => r.item)).toEqual(['Widget']);
		});
	});

	describe('Rename', () => {
		it('renames a document; links such as comments follow', async () => {
			const name = newRequest(`${apiVersion} rename`);
			bed.server.store.insert('Comment', {
				comment_type: 'Comment',
				reference_doctype: PR,
				reference_name: name,
				content: 'hello',
			});
			const [out] = await bed.ok({
				apiVersion,
				operation: 'rename',
				doctype: PR,
				documentName: byName(name),
				newName: `REC-${apiVersion}-RENAMED`,
			});
			expect(out).toEqual({
				doctype: PR,
				name: `REC-${apiVersion}-RENAMED`,
				old_name: name,
				merged: false,
			});
			expect(bed.server.store.get(PR, name)).toBeUndefined();
			expect(bed.server.store.get(PR, `REC-${apiVersion}-RENAMED`)?.title).toBe(
				`${apiVersion} rename`,
			);
			expect(
				bed.server.store.list('Comment', {
					fields: ['reference_name'],
					filters: { content: 'hello' },
				}),
			).toContainEqual({
				reference_name: `REC-${apiVersion}-RENAMED`,
			});
		});

		it('refuses a name that exists unless asked to merge (lifecycle/04), then merges', async () => {
			const from = newRequest(`${apiVersion} merge from`);
			const into = newRequest(`${apiVersion} merge into`);
			const refused = await bed.run({
				apiVersion,
				operation: 'rename',
				doctype: PR,
				documentName: byName(from),
				newName: into,
			});
			expect(refused.status).toBe('error');
			expect(refused.error?.message).toContain(
				`Another ${PR} with name ${into} exists, select another name`,
			);
			expect(bed.server.store.get(PR, from)).toBeDefined();
			const [merged] = await bed.ok({
				apiVersion,
				operation: 'rename',
				doctype: PR,
				documentName: byName(from),
				newName: into,
				merge: true,
			});
			expect(merged).toMatchObject({ name: into, merged: true });
			expect(bed.server.store.get(PR, from)).toBeUndefined();
		});

		it('says Frappe refuses a doctype that does not allow renaming (lifecycle/09, ToDo)', async () => {
			const name = bed.server.store.insert('ToDo', { description: `${apiVersion} no rename` }).name;
			const result = await bed.run({
				apiVersion,
				operation: 'rename',
				doctype: 'ToDo',
				documentName: byName(String(name)),
				newName: `X-${apiVersion}`,
			});
			expect(result.error?.message).toContain('ToDo not allowed to be renamed');
		});
	});

	describe('Get Document Info', () => {
		it('returns the document with its docinfo: comments, assignments, shares, tags', async () => {
			const name = newRequest(`${apiVersion} info`);
			bed.server.store.insert('Comment', {
				comment_type: 'Comment',
				reference_doctype: PR,
				reference_name: name,
				content: 'looks good',
			});
			const [doc] = await bed.ok({
				apiVersion,
				operation: 'getDocumentInfo',
				doctype: PR,
				documentName: byName(name),
			});
			expect(doc).toMatchObject({ name, title: `${apiVersion} info` });
			const info = doc.docinfo as IDataObject;
			expect(info.comments).toEqual([
				expect.objectContaining({ content: 'looks good', comment_type: 'Comment' }),
			]);
			expect(info).toMatchObject({ assignments: [], shared: [], tags: [] });
			expect(Object.keys(info)).toEqual(
				expect.arrayContaining(['attachments', 'versions', 'workflow_logs', 'permissions']),
			);
		});

		it('says a document that does not exist is not found (getdoc answers 200 with nothing)', async () => {
			const result = await bed.run({
				apiVersion,
				operation: 'getDocumentInfo',
				doctype: PR,
				documentName: byName('PREQ-99999'),
			});
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe(`${PR} PREQ-99999 not found`);
		});
	});
});

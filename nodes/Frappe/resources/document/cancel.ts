import type { INodeProperties } from 'n8n-workflow';

// Cancel needs only the doctype and the document, both declared in index.ts; its checks are in docstatus.ts.
export const cancelFields: INodeProperties[] = [];

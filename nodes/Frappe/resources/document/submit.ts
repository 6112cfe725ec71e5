import type { INodeProperties } from 'n8n-workflow';

// Submit needs only the doctype and the document, both declared in index.ts; its checks are in docstatus.ts.
export const submitFields: INodeProperties[] = [];

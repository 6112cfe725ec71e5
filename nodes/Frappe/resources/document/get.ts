import type { INodeProperties } from 'n8n-workflow';

// Get needs only the doctype and the document, both declared in index.ts.
export const getFields: INodeProperties[] = [];

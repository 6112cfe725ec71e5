// The Document resource: documents of any doctype, on API v1 (`/api/resource`) or v2
// (`/api/v2/document`).
import { doctypeProperty } from '../../../shared/descriptions';
import { assembleResource } from '../../operation';
import { amend } from './amend';
import { applyWorkflowAction } from './applyWorkflowAction';
import { bulkCreate } from './bulkCreate';
import { bulkDelete } from './bulkDelete';
import { bulkUpdate } from './bulkUpdate';
import { cancel } from './cancel';
import { copy } from './copy';
import { count } from './count';
import { create } from './create';
import { del } from './delete';
import { get } from './get';
import { getDocumentInfo } from './getDocumentInfo';
import { getMany } from './getMany';
import { getValue } from './getValue';
import { getWorkflowActions } from './getWorkflowActions';
import { rename } from './rename';
import { runMethod } from './runMethod';
import { setValue } from './setValue';
import { submit } from './submit';
import { update } from './update';
import { upsert } from './upsert';

export const documentResource = assembleResource(
	'document',
	'get',
	[
		amend,
		applyWorkflowAction,
		bulkCreate,
		bulkDelete,
		bulkUpdate,
		cancel,
		copy,
		count,
		create,
		upsert,
		del,
		get,
		getDocumentInfo,
		getValue,
		getMany,
		getWorkflowActions,
		rename,
		runMethod,
		setValue,
		submit,
		update,
	],
	[doctypeProperty({ show: { resource: ['document'] } })],
);

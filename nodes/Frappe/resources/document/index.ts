// The Document resource: documents of any doctype, on API v1 (`/api/resource`) or v2 (`/api/v2/document`).
import { doctypeProperty } from '../../../shared/descriptions';
import { assembleResource } from '../../operation';
import { cancel } from './cancel';
import { count } from './count';
import { create } from './create';
import { del } from './delete';
import { get } from './get';
import { getMany } from './getMany';
import { getValue } from './getValue';
import { runMethod } from './runMethod';
import { setValue } from './setValue';
import { submit } from './submit';
import { update } from './update';
import { upsert } from './upsert';

export const documentResource = assembleResource(
	'document',
	'get',
	[cancel, count, create, upsert, del, get, getValue, getMany, runMethod, setValue, submit, update],
	[doctypeProperty({ show: { resource: ['document'] } })],
);

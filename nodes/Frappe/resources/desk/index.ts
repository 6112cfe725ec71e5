// The Collaboration resource: what the desk keeps beside a document — comments, assignments
// (ToDos), shares and tags.
import { doctypeProperty } from '../../../shared/descriptions';
import { assembleResource } from '../../operation';
import { addComment } from './addComment';
import { addTags } from './addTags';
import { assign } from './assign';
import { DESK } from './common';
import { deleteComment } from './deleteComment';
import { getAssignments } from './getAssignments';
import { getComments } from './getComments';
import { getShares } from './getShares';
import { getTags } from './getTags';
import { removeAssignment } from './removeAssignment';
import { removeTag } from './removeTag';
import { share } from './share';
import { unshare } from './unshare';

export const deskResource = assembleResource(
	DESK,
	'addComment',
	[
		addComment,
		addTags,
		assign,
		deleteComment,
		getAssignments,
		getComments,
		getShares,
		getTags,
		removeAssignment,
		removeTag,
		share,
		unshare,
	],
	[doctypeProperty({ show: { resource: [DESK] }, hide: { operation: ['deleteComment'] } })],
);

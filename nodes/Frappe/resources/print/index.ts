// The Print resource: documents as PDF (one, or several in one file) or as HTML, in any print
// format. Every operation uses the v1 method paths, which all Frappe versions serve.
import { doctypeProperty } from '../../../shared/descriptions';
import { assembleResource } from '../../operation';
import { getHtml } from './getHtml';
import { getPdf } from './getPdf';
import { getPdfOfMany } from './getPdfOfMany';

export const printResource = assembleResource(
	'print',
	'getPdf',
	[getHtml, getPdf, getPdfOfMany],
	[doctypeProperty({ show: { resource: ['print'] } })],
);

// The filter names of the chosen report, from its filter definitions (get_script: the Report Filter
// table, or the report's JavaScript read without running it); mandatory ones are marked with *.
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { optionalTextParameter } from '../../shared/parameters';
import { payloadOf, REPORT_SCRIPT_PATH } from '../../shared/paths';
import { reportFilterDefinitions } from '../../shared/reportFilters';
import { frappeApiRequest } from '../../shared/transport';

export async function getReportFilters(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const report = optionalTextParameter(this, 'report');
	if (!report) return [];
	const answer = await frappeApiRequest.call(this, {
		method: 'GET',
		url: REPORT_SCRIPT_PATH,
		qs: { report_name: report },
	});
	return reportFilterDefinitions(payloadOf(answer)).map((definition) => {
		const options = definition.options
			? ` (${definition.options.split('\n').filter(Boolean).join(', ')})`
			: '';
		const fallback =
			definition.default !== undefined
				? ` · the desk's default: ${String(definition.default)}`
				: '';
		return {
			name: `${definition.label}${definition.mandatory ? ' *' : ''}`,
			value: definition.fieldname,
			description: `${definition.fieldname} · ${definition.fieldtype}${options}${fallback}`,
		};
	});
}

// The Report resource: run any report the user may run (Script, Query, Custom, Report Builder,
// prepared in the background or not) and export it. Every operation uses the v1 paths, which all
// Frappe versions serve.
import { assembleResource } from '../../operation';
import { exportOperation } from './export';
import { runOperation } from './run';

export const reportResource = assembleResource('report', 'run', [exportOperation, runOperation]);

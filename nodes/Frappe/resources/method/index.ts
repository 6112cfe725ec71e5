// The Method resource: any whitelisted server method (RPC).
import { assembleResource } from '../../operation';
import { call } from './call';

export const methodResource = assembleResource('method', 'call', [call]);

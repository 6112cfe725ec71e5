// Replay of the doctypes recordings: creating the custom Sales Voucher Item / Sales Voucher doctypes over REST.
import { replayArea } from '../helpers';

replayArea('doctypes', { server: { seed: 'empty' } });

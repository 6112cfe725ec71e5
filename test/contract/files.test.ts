// Replay of the files recordings (upload_file, /files, /private/files, download_file, File documents).
import { replayArea } from '../helpers';

replayArea('files', {
	preludes: {
		// the Administrator's ToDo the uploads attach to (created outside the recorded exchanges)
		'files/01-upload-public': async (r) => {
			const doc = await r.create('ToDo', { description: 'rec-mwu4d8i4 files target' });
			r.names.bind('41pfl7474f', doc.name as string);
		},
	},
});

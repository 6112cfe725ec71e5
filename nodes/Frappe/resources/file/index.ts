// The File resource. Every operation uses the v1 endpoints (`/api/method/upload_file`,
// `/api/resource/File`), which all Frappe versions serve, whatever the API Version parameter says.
import { assembleResource } from '../../operation';
import { del } from './delete';
import { download } from './download';
import { getMany } from './getMany';
import { upload } from './upload';

export const fileResource = assembleResource('file', 'upload', [del, download, getMany, upload]);

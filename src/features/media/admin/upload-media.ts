import i18next from 'i18next';
import { ApiError } from '../../../admin/api-client.ts';
import { sendWithProgress } from '../../../admin/upload.ts';
import { type MediaOutput, mediaMaxBytes } from '../media.schema.ts';

/** What an upload answered: the image, and whether it is new (false: the same file was already there). */
export interface UploadedMedia {
  media: MediaOutput;
  created: boolean;
}

/**
 * Uploads one image to the media library (`POST /api/media/files`), reporting progress in percent.
 * A file over the size limit is refused before it is sent; the server decides everything else
 * (type by content, pixel cap) and answers in the admin's language.
 */
export function uploadMediaFile(file: File, onProgress: (percent: number) => void): Promise<UploadedMedia> {
  if (file.size > mediaMaxBytes) {
    return Promise.reject(new ApiError(413, 'image_too_large', i18next.t('errors.image_too_large')));
  }
  const form = new FormData();
  form.append('file', file, file.name);
  return sendWithProgress<MediaOutput>('/media/files', form, onProgress, {
    tooLarge: () => new ApiError(413, 'image_too_large', i18next.t('errors.image_too_large')),
  }).then(({ status, body }) => ({ media: body, created: status === 201 }));
}

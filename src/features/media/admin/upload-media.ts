import i18next from 'i18next';
import { ApiError } from '../../../admin/api-client.ts';
import { currentLocale } from '../../../admin/i18n.ts';
import { type MediaOutput, mediaMaxBytes } from '../media.schema.ts';

/** What an upload answered: the image, and whether it is new (false: the same file was already there). */
export interface UploadedMedia {
  media: MediaOutput;
  created: boolean;
}

function errorOf(status: number, text: string): ApiError {
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string; details?: unknown } };
    if (body.error?.code) {
      return new ApiError(
        status,
        body.error.code,
        body.error.message ?? i18next.t('admin.common.unexpected'),
        body.error.details ?? null,
      );
    }
  } catch {
    // Not JSON: a proxy answered (for instance its own body size limit).
  }
  if (status === 413) return new ApiError(status, 'image_too_large', i18next.t('errors.image_too_large'));
  return new ApiError(status, 'internal', i18next.t('admin.common.unexpected'));
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
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/media/files');
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLocale());
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.min(99, Math.round((event.loaded / event.total) * 100)));
    };
    xhr.onload = () => {
      if (xhr.status === 200 || xhr.status === 201) {
        onProgress(100);
        resolve({ media: JSON.parse(xhr.responseText) as MediaOutput, created: xhr.status === 201 });
      } else reject(errorOf(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', i18next.t('admin.common.network')));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

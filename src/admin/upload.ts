import i18next from 'i18next';
import { ApiError } from './api-client.ts';
import { currentLocale } from './i18n.ts';

/** The API's error answer as an ApiError; a non-JSON answer (a proxy's) as a generic one, or `tooLarge` for 413. */
function errorOf(status: number, text: string, tooLarge?: () => ApiError): ApiError {
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
  if (status === 413 && tooLarge) return tooLarge();
  return new ApiError(status, 'internal', i18next.t('admin.common.unexpected'));
}

/**
 * Sends a file to the API with upload progress in percent (fetch cannot report it); resolves with
 * the status and the JSON answer, or rejects with an ApiError in the admin's language.
 */
export function sendWithProgress<T>(
  path: string,
  body: FormData | Blob,
  onProgress: (percent: number) => void,
  options: { contentType?: string; tooLarge?: () => ApiError } = {},
): Promise<{ status: number; body: T }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api${path}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLocale());
    if (options.contentType) xhr.setRequestHeader('Content-Type', options.contentType);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.min(99, Math.round((event.loaded / event.total) * 100)));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        resolve({ status: xhr.status, body: JSON.parse(xhr.responseText) as T });
      } else reject(errorOf(xhr.status, xhr.responseText, options.tooLarge));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', i18next.t('admin.common.network')));
    xhr.send(body);
  });
}

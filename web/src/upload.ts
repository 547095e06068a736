/** POST /files with progress (XMLHttpRequest reports upload progress; fetch does not). */
export interface Uploaded {
  id: string;
  sha256: string;
  mediaType: string;
  byteSize: number;
  pageCount: number | null;
}

export function uploadScan(file: File, token: string, dossierCode: string, onProgress: (percent: number) => void): Promise<Uploaded> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/files');
    request.setRequestHeader('authorization', `Bearer ${token}`);
    request.setRequestHeader('x-purpose-dossier', dossierCode);
    request.setRequestHeader('x-purpose', encodeURIComponent(`Giải quyết hồ sơ ${dossierCode}`));
    request.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    request.onload = () => {
      let body: any = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        /* not JSON */
      }
      if (request.status === 201) resolve(body as Uploaded);
      else reject(Object.assign(new Error(`upload ${request.status}`), { code: body?.errors?.[0]?.extensions?.code ?? (request.status === 413 ? 'FILE_TOO_LARGE' : 'INVALID_FILE') }));
    };
    request.onerror = () => reject(Object.assign(new Error('network'), { code: 'UNAVAILABLE' }));
    const form = new FormData();
    form.append('file', file);
    request.send(form);
  });
}

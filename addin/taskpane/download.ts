/** The web view's download of bytes under a file name (an `<a download>` click on an object URL). */
export function saveFile(bytes: Uint8Array, fileName: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Some hosts start the download asynchronously: keep the object URL alive a little.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

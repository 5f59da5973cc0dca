/** Saves bytes as a file from the pane (the browser's download, with the name given). */
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function saveFile(bytes: Uint8Array, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: XLSX_TYPE }));
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

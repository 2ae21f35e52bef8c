/**
 * Spreadsheet import, reusable by every list that imports (master data, orders).
 *
 * - `<ImportButton endpoint templateUrl title onCommitted …/>`: a button plus the wizard.
 * - `<ImportWizard open onClose endpoint …/>`: the wizard alone (choose file → server dry run with
 *   per-row/column errors → all-or-nothing commit → result), upload progress included.
 * - `<TemplateButton url filename/>`: downloads an import template.
 * - `<ImportErrorsTable errors/>`: the row/column error table on its own.
 * - `uploadFile()` / `downloadFile()`: the transfers underneath (XHR with progress; blob download).
 *
 * The endpoint contract: `POST <endpoint>?dryRun=1` (multipart `file`) answers with
 * `{dryRun, rows, created, updated, skipped, errors:[{row,column,code,message}], …}`; without
 * dryRun it commits and answers the same shape, or 422 `IMPORT_INVALID` with `details.errors`.
 */
export { ImportButton, type ImportButtonProps } from './ImportButton';
export { ImportErrorsTable, type ImportErrorsTableProps } from './ImportErrorsTable';
export { ImportWizard, type ImportSummary, type ImportWizardProps } from './ImportWizard';
export { TemplateButton, type TemplateButtonProps } from './TemplateButton';
export { downloadFile, isAbortError, saveBlob, uploadFile, type UploadOptions } from './transfer';
export { rowErrorsFromDetails, type RowError } from './transferUtils';

/**
 * The manifest's FunctionFile (required by the ribbon's schema). The add-in's only ribbon button
 * opens the task pane, which Office does by itself, so this page only has to initialise Office.js.
 */
Office.onReady(() => undefined);

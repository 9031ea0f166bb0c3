// The names of SalesOS's tools, for code below tools/ that must name one (a card's button, the offline
// model's vocabulary) without importing tools/. The registry (tools/registry.ts) fills `RegisteredTools` in
// by declaration merging, so the names are written once, in the tools themselves, and a misspelt name in
// core fails to compile. Types only: nothing here exists at run time.

/** One key per registered tool; see tools/registry.ts. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the registry's module augmentation.
export interface RegisteredTools {}

/** The name of a tool in the registry. */
export type ToolName = keyof RegisteredTools & string;

// Types of build-stamp.js (plain JavaScript: bin/salesos.js and the build run it before any TypeScript).
export declare const SOURCE_DIRS: string[];
export declare const BUILD_STAMP: string;
export declare const BUNDLE_INPUTS: string;
export declare function sourceFingerprint(root: string): { files: Record<string, string> };
export declare function isBuildCurrent(root: string): boolean;

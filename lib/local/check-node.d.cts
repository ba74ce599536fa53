export declare const MINIMUM_NODE_MAJOR: number;
export declare function paragraph(text: string): string;
export declare function nodeVersionRefusal(version: string): string | undefined;

/** The staff section's strings: zh-CN first, en-US with the same keys (the type says so). */
export const staffZhCN = {};

export const staffEnUS: typeof staffZhCN = {};

/** The programme section's strings: zh-CN first, en-US with the same keys (the type says so). */
export const programmeZhCN = {};

export const programmeEnUS: typeof programmeZhCN = {};

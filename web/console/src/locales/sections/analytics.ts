/** The analytics section's strings: zh-CN first, en-US with the same keys (the type says so). */
export const analyticsZhCN = {};

export const analyticsEnUS: typeof analyticsZhCN = {};

/** The stores section's strings: zh-CN first, en-US with the same keys (the type says so). */
export const storesZhCN = {};

export const storesEnUS: typeof storesZhCN = {};

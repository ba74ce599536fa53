/** The customers section's strings: zh-CN first, en-US with the same keys (the type says so). */
export const customersZhCN = {};

export const customersEnUS: typeof customersZhCN = {};

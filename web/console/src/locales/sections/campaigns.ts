/** The campaigns section's strings: zh-CN first, en-US with the same keys (the type says so). */
export const campaignsZhCN = {};

export const campaignsEnUS: typeof campaignsZhCN = {};

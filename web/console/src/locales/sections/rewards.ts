/** The rewards section's strings: zh-CN first, en-US with the same keys (the type says so). */
export const rewardsZhCN = {};

export const rewardsEnUS: typeof rewardsZhCN = {};

/** The audit section's strings: zh-CN first, en-US with the same keys (the type says so). */
export const auditZhCN = {};

export const auditEnUS: typeof auditZhCN = {};

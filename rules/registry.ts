// biome-ignore-all assist/source/organizeImports: the lines read in the order of their numbers
// The registry: every rule, one line each. The number in a name is the rule's place in RULES, and so
// in the README table, the packs and the CLI's output: rules/index.ts lists these exports in the
// order of their names. A new rule takes the next number; test/rules/index.test.ts checks the run.

export { rule as rule01 } from './alb-https-only/rule.js';
export { rule as rule02 } from './nlb-tls-only/rule.js';
export { rule as rule03 } from './clb-https-ssl-only/rule.js';
export { rule as rule04 } from './elbv2-tls-policy/rule.js';
export { rule as rule05 } from './clb-tls-policy/rule.js';
export { rule as rule06 } from './lb-certificate-expiry/rule.js';
export { rule as rule07 } from './lb-certificate-key-strength/rule.js';
export { rule as rule08 } from './elbv2-acm-certificate-required/rule.js';
export { rule as rule09 } from './clb-acm-certificate-required/rule.js';
export { rule as rule10 } from './lb-sg-world-ingress/rule.js';
export { rule as rule11 } from './lb-target-sg-restricted/rule.js';
export { rule as rule12 } from './lb-internet-facing-approved/rule.js';
export { rule as rule13 } from './nlb-has-security-groups/rule.js';
export { rule as rule14 } from './alb-waf-enabled/rule.js';
export { rule as rule15 } from './alb-drop-invalid-headers/rule.js';
export { rule as rule16 } from './lb-desync-mitigation/rule.js';
export { rule as rule17 } from './lb-deletion-protection/rule.js';
export { rule as rule18 } from './lb-access-logs/rule.js';
export { rule as rule19 } from './lb-target-health/rule.js';
export { rule as rule20 } from './elbv2-target-encryption/rule.js';
export { rule as rule21 } from './lb-cross-zone/rule.js';
export { rule as rule22 } from './lb-multi-az/rule.js';
export { rule as rule23 } from './clb-connection-draining/rule.js';
export { rule as rule24 } from './lb-shield-advanced/rule.js';

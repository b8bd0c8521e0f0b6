import { rule } from '../../../rules/elbv2-tls-policy/rule.js';
import { checkParity } from '../../support/parity.js';
import { PARITY } from './parity.js';

checkParity(rule, PARITY);

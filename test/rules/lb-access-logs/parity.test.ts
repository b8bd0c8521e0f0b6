import { rule } from '../../../rules/lb-access-logs/rule.js';
import { checkParity } from '../../support/parity.js';
import { PARITY } from './parity.js';

checkParity(rule, PARITY);

import { rule } from '../../../rules/lb-desync-mitigation/rule.js';
import { checkParity } from '../../support/parity.js';
import { PARITY } from './parity.js';

checkParity(rule, PARITY);

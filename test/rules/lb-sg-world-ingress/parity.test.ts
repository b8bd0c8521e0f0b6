import { rule } from '../../../rules/lb-sg-world-ingress/rule.js';
import { checkParity } from '../../support/parity.js';
import { PARITY } from './parity.js';

checkParity(rule, PARITY);

import { rule } from '../../../rules/clb-connection-draining/rule.js';
import { checkParity } from '../../support/parity.js';
import { PARITY } from './parity.js';

checkParity(rule, PARITY);

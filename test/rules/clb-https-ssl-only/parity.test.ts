import { rule } from '../../../rules/clb-https-ssl-only/rule.js';
import { checkParity } from '../../support/parity.js';
import { PARITY } from './parity.js';

checkParity(rule, PARITY);

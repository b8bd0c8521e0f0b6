import { rule } from '../../../rules/clb-acm-certificate-required/rule.js';
import { checkParity } from '../../support/parity.js';
import { PARITY } from './parity.js';

checkParity(rule, PARITY);

import { rule } from '../../../rules/alb-drop-invalid-headers/rule.js';
import { checkParity } from '../../support/parity.js';
import { PARITY } from './parity.js';

checkParity(rule, PARITY);

// Security Hub ELB.16: every Application Load Balancer, internal ones too, passes when it is
// associated with an AWS WAF Classic or an AWS WAF (WAFv2) web ACL. The control has no parameter.
import type { LoadBalancer } from '../../../rules/core/model/model.js';
import { elbv2Item, loadBalancerOf } from '../../fixtures/network-items.js';
import type { ParityTable } from '../../support/parity.js';

const alb = (name: string, scheme: 'internet-facing' | 'internal'): LoadBalancer =>
  loadBalancerOf(elbv2Item({ name, scheme })).lb;
const internetFacing = alb('storefront', 'internet-facing');
const internal = alb('admin', 'internal');
const nlb = loadBalancerOf(elbv2Item({ name: 'edge', type: 'network' })).lb;

const wafv2Acl = {
  arn: 'arn:aws:wafv2:us-east-1:111122223333:regional/webacl/edge-protection/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
  name: 'edge-protection',
  id: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
  service: 'wafv2',
};
const classicAcl = {
  arn: 'arn:aws:waf-regional:us-east-1:111122223333:webacl/0c8e4b5a-1234-4f00-9d3e-EXAMPLE22222',
  name: 'legacy-edge',
  id: '0c8e4b5a-1234-4f00-9d3e-EXAMPLE22222',
  service: 'waf-classic',
};

export const PARITY: ParityTable[] = [
  {
    control: 'ELB.16',
    source:
      'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-16 ; ' +
      'https://docs.aws.amazon.com/config/latest/developerguide/alb-waf-enabled.html',
    cases: [
      {
        name: 'internet-facing ALB with a WAFv2 web ACL',
        lb: internetFacing,
        facets: { webAcl: wafv2Acl },
        control: 'PASSED',
      },
      {
        name: 'internet-facing ALB with no web ACL',
        lb: internetFacing,
        facets: { webAcl: null },
        control: 'FAILED',
      },
      { name: 'internal ALB with no web ACL', lb: internal, facets: { webAcl: null }, control: 'FAILED' },
      {
        name: 'internal ALB with a WAFv2 web ACL',
        lb: internal,
        facets: { webAcl: wafv2Acl },
        control: 'PASSED',
      },
      {
        name: 'ALB whose only web ACL is WAF Classic',
        lb: internetFacing,
        facets: { webAcl: classicAcl },
        control: 'PASSED',
      },
      {
        name: 'internal ALB whose only web ACL is WAF Classic',
        lb: internal,
        facets: { webAcl: classicAcl },
        control: 'PASSED',
      },
      {
        name: 'WAFv2 web ACL recorded before the service was (snapshot without service)',
        lb: internetFacing,
        facets: { webAcl: { arn: wafv2Acl.arn, name: wafv2Acl.name } },
        control: 'PASSED',
      },
      {
        name: 'Network Load Balancer: not an ALB',
        lb: nlb,
        facets: { webAcl: null },
        control: 'NOT_APPLICABLE',
      },
    ],
  },
];

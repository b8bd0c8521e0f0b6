// The cdk-nag v3 pack on apps holding load balancers: a finding is an error on the resource's
// construct, an acknowledgement with a reason silences it, a value known only at deployment is a
// warning, never a pass. Applied as cdk-nag v3 packs are: Validations.of(app).addPlugins(pack).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, CfnParameter, Stack, Validations } from 'aws-cdk-lib';
import { Vpc } from 'aws-cdk-lib/aws-ec2';
import {
  ApplicationLoadBalancer,
  ApplicationProtocol,
  ApplicationTargetGroup,
  ListenerAction,
  ListenerCertificate,
  SslPolicy,
} from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { describe, expect, it } from 'vitest';
import { ElbConfigRulesChecks } from '../../../infra/nag/elb-config-rules-checks.js';
import { acknowledge } from '../../../infra/nag.js';

const CERTIFICATE = 'arn:aws:acm:eu-west-1:123456789012:certificate/0f2e4a7c-1111-2222-3333-444455556666';

function appWith(build: (stack: Stack) => void): App {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'elb-nag-')) });
  const stack = new Stack(app, 'WebStack', { env: { account: '123456789012', region: 'eu-west-1' } });
  build(stack);
  return app;
}

/** An internet-facing ALB whose port 80 listener forwards plain HTTP to targets. */
function forwardingAlb(stack: Stack): ApplicationLoadBalancer {
  const vpc = new Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
  const alb = new ApplicationLoadBalancer(stack, 'PublicAlb', { vpc, internetFacing: true });
  const web = new ApplicationTargetGroup(stack, 'Web', { vpc, port: 80 });
  alb.addListener('Http', { port: 80, open: true, defaultAction: ListenerAction.forward([web]) });
  return alb;
}

function compliantAlb(stack: Stack): ApplicationLoadBalancer {
  const vpc = new Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
  const alb = new ApplicationLoadBalancer(stack, 'PublicAlb', { vpc, internetFacing: true });
  alb.addListener('Https', {
    port: 443,
    protocol: ApplicationProtocol.HTTPS,
    certificates: [ListenerCertificate.fromArn(CERTIFICATE)],
    sslPolicy: SslPolicy.RECOMMENDED_TLS,
    defaultAction: ListenerAction.fixedResponse(404),
  });
  alb.addRedirect({ sourcePort: 80, targetPort: 443 });
  return alb;
}

/** The compliant ALB with its HTTPS listener's protocol a stack parameter: known only at deployment. */
function albWithProtocolParameter(stack: Stack): ApplicationLoadBalancer {
  const alb = compliantAlb(stack);
  const protocol = new CfnParameter(stack, 'ListenerProtocol', { type: 'String' });
  const https = alb.node.findChild('Https').node.defaultChild as import('aws-cdk-lib').CfnResource;
  https.addPropertyOverride('Protocol', protocol.valueAsString);
  return alb;
}

const checks = () =>
  new ElbConfigRulesChecks(undefined, { rules: ['alb-https-only', 'elbv2-acm-certificate-required'] });

function findings(app: App, pack = checks()) {
  app.synth();
  const report = pack.validateScope(app);
  return {
    report,
    list: report.violations.flatMap((v) =>
      v.violatingResources.map((r) => `${v.severity} ${v.ruleName} ${r.constructPath}`),
    ),
  };
}

describe('ElbConfigRulesChecks', () => {
  it('reports an HTTP listener that forwards as an error on the load balancer', () => {
    const { report, list } = findings(appWith(forwardingAlb));
    expect(list).toEqual(['error ElbConfigRules-alb-https-only WebStack/PublicAlb/Resource']);
    expect(report.success).toBe(false);
    expect(report.violations[0]?.description).toContain('HTTP:80 default action');
  });

  it('passes a compliant load balancer', () => {
    const { report, list } = findings(appWith(compliantAlb));
    expect(list).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('is silenced by an acknowledgement with a reason', () => {
    const app = appWith((stack) => {
      const alb = forwardingAlb(stack);
      acknowledge(
        alb,
        'ElbConfigRules-alb-https-only',
        'Internal test fixture behind a VPN; no TLS terminates here.',
      );
    });
    expect(findings(app).list).toEqual([]);
  });

  it('refuses an acknowledgement whose reason is shorter than 10 characters, naming the rule', () => {
    const app = appWith((stack) => {
      const alb = forwardingAlb(stack);
      expect(() => acknowledge(alb, 'ElbConfigRules-alb-https-only', 'ok')).toThrow(
        'Acknowledgement of ElbConfigRules-alb-https-only needs a reason of 10 characters or more; got "ok".',
      );
      expect(() => acknowledge(alb, 'ElbConfigRules-alb-https-only', '          x')).toThrow(/10 characters/);
    });
    expect(findings(app).list).toEqual(['error ElbConfigRules-alb-https-only WebStack/PublicAlb/Resource']);
  });

  it('warns, never passes, on a value known only at deployment', () => {
    const app = appWith((stack) => {
      albWithProtocolParameter(stack);
    });
    const { report, list } = findings(app);
    expect(list).toEqual([
      'warning ElbConfigRules-alb-https-only[NotEvaluated] WebStack/PublicAlb/Resource',
      'warning ElbConfigRules-elbv2-acm-certificate-required[NotEvaluated] WebStack/PublicAlb/Resource',
    ]);
    expect(report.violations[0]?.description).toContain('ListenerProtocol');
    expect(report.success).toBe(false);
  });

  it('silences a not-evaluated warning only by its own acknowledgement', () => {
    const app = appWith((stack) => {
      const alb = albWithProtocolParameter(stack);
      acknowledge(
        alb,
        'ElbConfigRules-alb-https-only[NotEvaluated]',
        'The protocol is chosen per environment; reviewed at deploy.',
      );
      acknowledge(
        alb,
        'ElbConfigRules-alb-https-only',
        'A finding acknowledgement does not cover the warning.',
      );
    });
    expect(findings(app).list).toEqual([
      'warning ElbConfigRules-elbv2-acm-certificate-required[NotEvaluated] WebStack/PublicAlb/Resource',
    ]);
  });

  it('is applied as cdk-nag v3 packs are, and stops synth on a finding', () => {
    const app = appWith(forwardingAlb);
    Validations.of(app).addPlugins(checks());
    expect(() => app.synth()).toThrow(/ElbConfigRules-alb-https-only/);
  });
});

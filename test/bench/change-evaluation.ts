// Change evaluation: the Lambda handler of each rule, fed the Config change notifications that
// trigger it, against the simulated endpoint. CPU time per evaluation and API calls per
// evaluation (describe calls for what the item does not carry, plus PutEvaluations).
import { createHandler } from '../../rules/core/engine/handler.js';
import { silentLog } from '../../rules/core/engine/log.js';
import type { AnyRule } from '../../rules/core/engine/rule.js';
import {
  CLASSIC_LOAD_BALANCER,
  ELBV2_LISTENER,
  ELBV2_LOAD_BALANCER,
  SECURITY_GROUP,
} from '../../rules/core/model/model.js';
import { RULES } from '../../rules/index.js';
import {
  type EstateShape,
  SIMULATED_CREDENTIALS,
  SimulatedAws,
  simulatedLoadBalancerArn,
} from '../support/simulated-aws.js';
import { round } from './lib.js';

export const ESTATE: EstateShape = { accountId: '111111111111', region: 'us-east-1', loadBalancers: 100 };
/** Indexes in the simulated estate: 0 is an ALB, 5 an NLB, 8 a Classic load balancer. */
const ALB = 0;
const NLB = 5;
const CLASSIC = 8;

export interface ChangeFigures {
  rule: string;
  trigger: string;
  cpuMsPerEvaluation: number;
  apiCallsPerEvaluation: number;
  calls: string;
}

function item(resourceType: string, resourceId: string, configuration: unknown, arn?: string) {
  return {
    configurationItemCaptureTime: '2026-01-01T00:00:00.000Z',
    configurationItemStatus: 'OK',
    resourceType,
    resourceId,
    ...(arn ? { ARN: arn } : {}),
    awsAccountId: ESTATE.accountId,
    awsRegion: ESTATE.region,
    configuration,
    supplementaryConfiguration: {},
    relationships: [],
  };
}

function lbItem(index: number) {
  const arn = simulatedLoadBalancerArn(ESTATE, index);
  return item(
    ELBV2_LOAD_BALANCER,
    arn,
    {
      loadBalancerArn: arn,
      loadBalancerName: `lb-${index}`,
      type: index === NLB ? 'network' : 'application',
      scheme: 'internet-facing',
      vpcId: 'vpc-1',
      state: { code: 'active' },
      securityGroups: index === NLB ? [] : [`sg-${index % 50}`],
    },
    arn,
  );
}

/** The Config items that trigger the rule, one per trigger type and load balancer kind it judges. */
export function triggers(rule: AnyRule): { trigger: string; configurationItem?: unknown }[] {
  const out: { trigger: string; configurationItem?: unknown }[] = [];
  for (const type of rule.triggers.changes) {
    if (type === ELBV2_LOAD_BALANCER) {
      if (rule.appliesTo.includes('application'))
        out.push({ trigger: 'ALB item', configurationItem: lbItem(ALB) });
      if (rule.appliesTo.includes('network'))
        out.push({ trigger: 'NLB item', configurationItem: lbItem(NLB) });
    } else if (type === CLASSIC_LOAD_BALANCER) {
      out.push({
        trigger: 'Classic item',
        configurationItem: item(CLASSIC_LOAD_BALANCER, `lb-${CLASSIC}`, {
          loadBalancerName: `lb-${CLASSIC}`,
          scheme: 'internet-facing',
          securityGroups: [`sg-${CLASSIC % 50}`],
          listenerDescriptions: [
            {
              listener: {
                protocol: 'HTTP',
                loadBalancerPort: 80,
                instanceProtocol: 'HTTP',
                instancePort: 80,
              },
              policyNames: [],
            },
          ],
          instances: [],
        }),
      });
    } else if (type === ELBV2_LISTENER) {
      const index = rule.appliesTo.includes('application') ? ALB : NLB;
      const lbArn = simulatedLoadBalancerArn(ESTATE, index);
      const port = index === ALB ? 80 : 5432;
      const listenerArn = `${lbArn.replace(':loadbalancer/', ':listener/')}/${port}`;
      out.push({
        trigger: 'Listener item',
        configurationItem: item(
          ELBV2_LISTENER,
          listenerArn,
          {
            ListenerArn: listenerArn,
            LoadBalancerArn: lbArn,
            Port: port,
            Protocol: index === ALB ? 'HTTP' : 'TCP',
            DefaultActions: [
              {
                Type: 'redirect',
                RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' },
              },
            ],
          },
          listenerArn,
        ),
      });
    } else if (type === SECURITY_GROUP) {
      out.push({
        trigger: 'SecurityGroup item',
        configurationItem: item(SECURITY_GROUP, 'sg-0', {
          groupId: 'sg-0',
          groupName: 'sg-0-name',
          vpcId: 'vpc-1',
          ownerId: ESTATE.accountId,
          ipPermissions: [
            { ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipv4Ranges: [{ cidrIp: '0.0.0.0/0' }] },
          ],
          ipPermissionsEgress: [],
        }),
      });
    }
  }
  if (out.length === 0 || rule.triggers.periodic)
    out.push({ trigger: `periodic sweep of ${ESTATE.loadBalancers}` });
  return out;
}

export function event(rule: AnyRule, configurationItem: unknown | undefined) {
  const invokingEvent = configurationItem
    ? {
        configurationItem,
        notificationCreationTime: '2026-01-01T00:00:01.000Z',
        messageType: 'ConfigurationItemChangeNotification',
        recordVersion: '1.3',
      }
    : {
        awsAccountId: ESTATE.accountId,
        notificationCreationTime: '2026-01-01T00:00:01.000Z',
        messageType: 'ScheduledNotification',
        recordVersion: '1.0',
      };
  return {
    version: '1.0',
    invokingEvent: JSON.stringify(invokingEvent),
    ruleParameters: '{}',
    resultToken: 'TESTMODE',
    eventLeftScope: false,
    executionRoleArn: `arn:aws:iam::${ESTATE.accountId}:role/config`,
    configRuleArn: `arn:aws:config:us-east-1:${ESTATE.accountId}:config-rule/config-rule-x`,
    configRuleName: rule.id,
    configRuleId: 'config-rule-x',
    accountId: ESTATE.accountId,
  };
}

export async function changeEvaluation(invocations: number): Promise<ChangeFigures[]> {
  const out: ChangeFigures[] = [];
  for (const rule of RULES) {
    for (const { trigger, configurationItem } of triggers(rule)) {
      const runs = configurationItem ? invocations : Math.max(3, Math.round(invocations / 20));
      const sim = new SimulatedAws({ estates: [ESTATE] });
      const handler = createHandler(rule, {
        log: silentLog,
        clientConfig: {
          requestHandler: sim.requestHandler,
          credentials: SIMULATED_CREDENTIALS,
          region: ESTATE.region,
        },
      });
      const input = event(rule, configurationItem);
      await handler(input); // warm-up: module code, clients and the JIT
      const warm = new Map(sim.okCalls());
      let evaluations = 0;
      const cpu = process.cpuUsage();
      for (let i = 0; i < runs; i++) evaluations += (await handler(input)).delivered;
      const used = process.cpuUsage(cpu);
      const calls = [...sim.okCalls()]
        .map(([api, n]) => [api, n - (warm.get(api) ?? 0)] as const)
        .filter(([, n]) => n > 0);
      const total = calls.reduce((sum, [, n]) => sum + n, 0);
      out.push({
        rule: rule.id,
        trigger,
        cpuMsPerEvaluation: round((used.user + used.system) / 1000 / Math.max(1, evaluations), 3),
        apiCallsPerEvaluation: round(total / Math.max(1, evaluations), 2),
        calls: calls.map(([api, n]) => `${api} ${round(n / Math.max(1, evaluations), 2)}`).join(', '),
      });
    }
  }
  return out;
}

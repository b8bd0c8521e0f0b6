// Short, readable names for ARNs in annotations, where every character counts.
import { parse } from '@aws-sdk/util-arn-parser';

/** arn:…:targetgroup/web/73e2d6bc24d8a067 → targetgroup/web */
export function describeTarget(arn: string): string {
  try {
    const { resource } = parse(arn);
    const [type, name] = resource.split('/');
    return name ? `${type}/${name}` : resource;
  } catch {
    return arn;
  }
}

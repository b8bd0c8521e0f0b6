// Synthesizer for the member-account template that StackSets deploy. CDK's default synthesizer
// points code at the CDK bootstrap bucket of the deploying account, which member accounts do not
// have. This one points each function's code at `${CodeBucketPrefix}-${AWS::Region}/${CodeKeyPrefix}<hash>.zip`
// (one bucket per region, readable by the organization) and records the bundles so the app can
// write them as zip files to upload there.
import {
  CfnParameter,
  type DockerImageAssetLocation,
  type FileAssetLocation,
  FileAssetPackaging,
  type FileAssetSource,
  Fn,
  type ISynthesisSession,
  type Stack,
  StackSynthesizer,
} from 'aws-cdk-lib';

export const CODE_BUCKET_PREFIX_PARAMETER = 'CodeBucketPrefix';
export const CODE_KEY_PREFIX_PARAMETER = 'CodeKeyPrefix';

export class StackSetSynthesizer extends StackSynthesizer {
  /** Directory bundles to zip, keyed by the object key they must be uploaded under. */
  readonly bundles = new Map<string, FileAssetSource>();

  override bind(stack: Stack): void {
    super.bind(stack);
    new CfnParameter(stack, CODE_BUCKET_PREFIX_PARAMETER, {
      type: 'String',
      description:
        'Prefix of the regional buckets holding the function code: each region reads <prefix>-<region>.',
      allowedPattern: '^[a-z0-9][a-z0-9.-]{1,40}$',
    });
    new CfnParameter(stack, CODE_KEY_PREFIX_PARAMETER, {
      type: 'String',
      default: 'elb-config-rules/',
      description: 'Key prefix of the code zips in those buckets.',
    });
  }

  override addFileAsset(asset: FileAssetSource): FileAssetLocation {
    if (asset.packaging !== FileAssetPackaging.ZIP_DIRECTORY || !asset.fileName) {
      throw new Error('The member-account template only ships directory bundles (Lambda code).');
    }
    const key = `${asset.sourceHash}.zip`;
    this.bundles.set(key, asset);
    const bucketName = Fn.sub(`\${${CODE_BUCKET_PREFIX_PARAMETER}}-\${AWS::Region}`);
    const objectKey = Fn.sub(`\${${CODE_KEY_PREFIX_PARAMETER}}${key}`);
    return {
      bucketName,
      objectKey,
      httpUrl: Fn.sub(
        `https://s3.\${AWS::Region}.\${AWS::URLSuffix}/\${${CODE_BUCKET_PREFIX_PARAMETER}}-\${AWS::Region}/\${${CODE_KEY_PREFIX_PARAMETER}}${key}`,
      ),
      s3ObjectUrl: Fn.sub(
        `s3://\${${CODE_BUCKET_PREFIX_PARAMETER}}-\${AWS::Region}/\${${CODE_KEY_PREFIX_PARAMETER}}${key}`,
      ),
    };
  }

  override addDockerImageAsset(): DockerImageAssetLocation {
    throw new Error('The member-account template ships no container images.');
  }

  override synthesize(session: ISynthesisSession): void {
    this.synthesizeTemplate(session);
    this.emitArtifact(session);
  }
}

import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { SecretName } from '../../lib/manifest/types';

/**
 * Secrets the functions read at run time; no value is ever in code, config or logs.
 * - jwtSigningKeys: generated at deploy as `{ currentKid: "k1", k1: <random> }`; rotated by an operator: add
 *   a kid, switch currentKid to it after the functions' 5-minute secret cache, drop the old kid 15 minutes later.
 * - wechatApp: `{ appSecret, pushToken, encodingAesKey }`, set by an operator from the WeChat console after
 *   the first deploy; the message push's Token and EncodingAESKey (safe mode) sign and encrypt its pushes.
 * - wechatOfficialAccount: `{ appid, appSecret }` of the Official Account whose web authorisation signs
 *   members in to the booking PWA, set by an operator after the first deploy. Its own secret, so that only
 *   the web sign-in reads it (the Official Account's appid lives in it too: it is set in the same place).
 * - tencentCloudSms: `{ secretId, secretKey, sdkAppId, signName, signInTemplateId }` of Tencent Cloud SMS, set
 *   by an operator after the first deploy where the stage's `smsSignIn` is on: an API key of a CAM user
 *   allowed sms:SendSms alone, the SMS app's SdkAppId, the approved signature and sign-in template. Only
 *   the function that texts sign-in codes reads it.
 * - posSecretBox: `{ key }`, generated at deploy; it seals POS key secrets at rest.
 * - staffSecretBox: `{ key }`, generated at deploy; it seals staff members' authenticator (TOTP) secrets.
 * - cursorKey: `{ key }`, generated at deploy; it seals list cursors (lib/db/cursor.ts).
 */
export class SecretsConstruct extends Construct {
  readonly secrets: Record<SecretName, secretsmanager.Secret>;

  constructor(scope: Construct, id: string, props: { stage: string; retainData: boolean }) {
    super(scope, id);
    const jwtSigningKeys = new secretsmanager.Secret(this, 'JwtSigningKeys', {
      secretName: `sbm-crm/${props.stage}/jwt-signing-keys`,
      description: 'HS256 keyring for access tokens',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ currentKid: 'k1' }),
        generateStringKey: 'k1',
        passwordLength: 64,
        excludePunctuation: true,
      },
    });
    const wechatApp = new secretsmanager.Secret(this, 'WeChatApp', {
      secretName: `sbm-crm/${props.stage}/wechat-app`,
      description:
        'WeChat mini program: set {"appSecret": "...", "pushToken": "...", "encodingAesKey": "..."} after the first deploy',
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'appSecret',
        excludePunctuation: true,
      },
    });
    const wechatOfficialAccount = new secretsmanager.Secret(this, 'WeChatOfficialAccount', {
      secretName: `sbm-crm/${props.stage}/wechat-official-account`,
      description:
        'WeChat Official Account (web authorisation): set {"appid": "...", "appSecret": "..."} after the first deploy',
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'appSecret',
        excludePunctuation: true,
      },
    });
    Validations.of(wechatOfficialAccount).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        "The Official Account's AppSecret is issued and reset in the WeChat Official Accounts Platform; Secrets Manager cannot change it there, so a rotation Lambda would break web sign-in.",
    });
    const tencentCloudSms = new secretsmanager.Secret(this, 'TencentCloudSms', {
      secretName: `sbm-crm/${props.stage}/tencent-cloud-sms`,
      description:
        'Tencent Cloud SMS: set {"secretId": "...", "secretKey": "...", "sdkAppId": "...", "signName": "...", "signInTemplateId": "..."} after the first deploy',
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'secretKey',
        excludePunctuation: true,
      },
    });
    Validations.of(tencentCloudSms).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        "The SecretId and SecretKey are issued and disabled in Tencent Cloud's CAM console, which Secrets Manager cannot reach; an operator rotates them there and puts the new pair here (functions re-read it within 5 minutes).",
    });
    Validations.of(jwtSigningKeys).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotated by an operator without downtime, not on a schedule: tokens carry a kid and every key in the ring verifies, so an operator adds k2, makes it currentKid once every function has re-read the ring (a 5-minute cache), and drops k1 once its last tokens expired (15 minutes). Only the authorizer and the nine sign-in and refresh functions may read it, and refresh tokens are opaque, so a rotation ends at most 15 minutes of access tokens.',
    });
    Validations.of(wechatApp).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The app secret, the push Token and the EncodingAESKey are issued and reset in the WeChat console (the Token and key are typed in there too); Secrets Manager cannot change them there, so a rotation Lambda would break sign-in and pushes.',
    });
    const posSecretBox = new secretsmanager.Secret(this, 'PosSecretBox', {
      secretName: `sbm-crm/${props.stage}/pos-secret-box`,
      description: 'Seals POS key secrets at rest (AES-256-GCM with the SHA-256 of "key")',
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'key',
        passwordLength: 64,
        excludePunctuation: true,
      },
    });
    Validations.of(posSecretBox).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotating this key means resealing every POS secret; done by a runbook, not automatically.',
    });
    const staffSecretBox = new secretsmanager.Secret(this, 'StaffSecretBox', {
      secretName: `sbm-crm/${props.stage}/staff-secret-box`,
      description: 'Seals staff authenticator (TOTP) secrets at rest (AES-256-GCM with the SHA-256 of "key")',
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'key',
        passwordLength: 64,
        excludePunctuation: true,
      },
    });
    Validations.of(staffSecretBox).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating this key means resealing every authenticator secret; done by a runbook, not automatically.',
    });
    const cursorKey = new secretsmanager.Secret(this, 'CursorKey', {
      secretName: `sbm-crm/${props.stage}/cursor-key`,
      description: 'Seals list cursors (AES-256-GCM with the SHA-256 of "key")',
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'key',
        passwordLength: 64,
        excludePunctuation: true,
      },
    });
    Validations.of(cursorKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'A new key only makes the cursors out at the time invalid (clients list from the start); rotated by a runbook.',
    });
    this.secrets = {
      jwtSigningKeys,
      wechatApp,
      wechatOfficialAccount,
      tencentCloudSms,
      posSecretBox,
      staffSecretBox,
      cursorKey,
    };
    // Kept like the tables and their key where data is kept: without the secret boxes' keys every sealed
    // POS secret and authenticator secret is unreadable, and without the JWT keys every session ends.
    const removalPolicy = props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    for (const secret of Object.values(this.secrets)) secret.applyRemovalPolicy(removalPolicy);
  }
}

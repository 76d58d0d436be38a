export { EncryptionConfigError, loadEncryptionConfig, parseEncryptionConfig, providerTransformer } from './config.ts';
export { aescbc, aesgcm, secretbox } from './providers.ts';
export type { KeyCipher } from './providers.ts';

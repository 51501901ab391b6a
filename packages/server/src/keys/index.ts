export { keyStatus, rotateMasterKey, type KeyStatus, type RotateOptions, type RotateReport } from './key-rotation.service.ts';
export { ReloadingKeyring, reloadingKeyring, reloadKeyring } from './reloading-keyring.ts';

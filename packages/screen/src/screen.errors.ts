import { HutongError } from '@hutong/core';

const ARTICLE = '《困境儿童个人信息保护工作办法》第五条';

/** Problems with a screening package or its input, in the platform's error shape (problem+json). */
export const screenErrors = {
  packageInvalid: (why: string) => new HutongError(422, 'HUTONG_SCREEN_PACKAGE_INVALID', `巡查包无效：${why}`, { article: ARTICLE }),
  packageUnreadable: (file: string, why: string) => new HutongError(400, 'HUTONG_SCREEN_PACKAGE_UNREADABLE', `无法读取巡查包“${file}”：${why}`),
  packageExpired: (at: Date) => new HutongError(410, 'HUTONG_SCREEN_PACKAGE_EXPIRED',
    `巡查包已于 ${at.toISOString()} 过期：名册此后的变化不在包内，请向平台索取新版巡查包`, { article: ARTICLE }),
};

import { describe, expect, it } from 'vitest';
import { maskValue } from './mask.ts';

describe('server-side masks', () => {
  it.each([
    ['name', '张三', '张*'],
    ['name', '欧阳晓明', '欧***'],
    ['name', '𠮷野家', '𠮷**'],
    ['idNumber', '35010220150304123X', '3501**********123X'],
    ['phone', '13912345678', '139****5678'],
    ['birthDate', '2015-03-04', '2015-**-**'],
    ['hidden', '患有哮喘', '***'],
    ['school', '鼓楼区实验小学', '***小学'],
    ['address', '福建省福州市鼓楼区鼓东街道中山社区1组3号', '福建省福州市鼓楼区***'],
    ['none', '男', '男'],
  ] as const)('%s: %s → %s', (style, value, masked) => {
    expect(maskValue(style, value)).toBe(masked);
  });

  it('keeps empty values empty and never returns the input for a masking style', () => {
    expect(maskValue('name', '')).toBe('');
    expect(maskValue('name', null)).toBeNull();
    expect(maskValue('idNumber', '1234')).toBe('****');
    expect(maskValue('address', '中山社区1组3号')).toBe('***');
  });
});

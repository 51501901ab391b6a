import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { App } from './App.tsx';
import { installDialogFocusWrap } from './components/dialogFocusWrap.ts';
import './styles.css';

dayjs.locale('zh-cn');
installDialogFocusWrap();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      theme={{
        token: {
          colorPrimary: '#1668dc',
          // antd derives links from #1677ff (4.1:1 on white) and lightens primary on hover (3.5:1
          // under white text): links take the primary blue, hover and press go darker (WCAG 1.4.3).
          colorLink: '#1668dc',
          colorLinkHover: '#0958d9',
          colorLinkActive: '#0f52b0',
          colorPrimaryHover: '#0958d9',
          colorPrimaryActive: '#0f52b0',
          colorPrimaryTextHover: '#0958d9',
          // Darker secondary text than the default for WCAG AA contrast on white.
          colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
          colorTextDescription: 'rgba(0, 0, 0, 0.65)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
          // The default error red (#ff4d4f) is 3.3:1 on white; field messages must be readable.
          colorError: '#d32029',
          fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif",
        },
      }}
    >
      <AntApp>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);

import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { Button, Result, Spin } from 'antd';
import { SessionProvider, useSession } from './hooks/useSession.tsx';
import { AppLayout } from './components/AppLayout.tsx';
import { LoginPage } from './pages/LoginPage.tsx';

// Every page but the login loads on demand: a phone on a slow village network signs in first.
const HomePage = lazy(() => import('./pages/HomePage.tsx'));
const ChildrenPage = lazy(() => import('./pages/ChildrenPage.tsx'));
const ChildDetailPage = lazy(() => import('./pages/ChildDetailPage.tsx'));
const ChildNewPage = lazy(() => import('./pages/ChildNewPage.tsx'));
const ImportPage = lazy(() => import('./pages/ImportPage.tsx'));
const LedgerPage = lazy(() => import('./pages/LedgerPage.tsx'));
const OrgsPage = lazy(() => import('./pages/admin/OrgsPage.tsx'));
const UsersPage = lazy(() => import('./pages/admin/UsersPage.tsx'));
const KeysPage = lazy(() => import('./pages/admin/KeysPage.tsx'));
const PolicyCheckPage = lazy(() => import('./pages/PolicyCheckPage.tsx'));
const TokensPage = lazy(() => import('./pages/TokensPage.tsx'));
const PasswordPage = lazy(() => import('./pages/PasswordPage.tsx'));
const EmergencyPage = lazy(() => import('./pages/EmergencyPage.tsx'));
const TurningFourteenPage = lazy(() => import('./pages/TurningFourteenPage.tsx'));
const DeletionTasksPage = lazy(() => import('./pages/DeletionTasksPage.tsx'));
const PurposesPage = lazy(() => import('./pages/PurposesPage.tsx'));
const SharingPage = lazy(() => import('./pages/SharingPage.tsx'));
const RedactPage = lazy(() => import('./pages/RedactPage.tsx'));
const PublicationsPage = lazy(() => import('./pages/PublicationsPage.tsx'));
const PublicationNewPage = lazy(() => import('./pages/PublicationNewPage.tsx'));
const PublicationDetailPage = lazy(() => import('./pages/PublicationDetailPage.tsx'));
const IncidentsPage = lazy(() => import('./pages/IncidentsPage.tsx'));
const IncidentDetailPage = lazy(() => import('./pages/IncidentDetailPage.tsx'));

const PUBLICATION_PERMISSIONS = ['publication.submit', 'publication.review'] as const;
/** The cyberspace office that screens, and the staff of the orgs whose children are found. */
const INCIDENT_PERMISSIONS = ['incident.manage', 'child.read'] as const;

function Loading() {
  return <div style={{ padding: 48, textAlign: 'center' }}><Spin size="large" /></div>;
}

function RequireSession({ children }: { children: ReactNode }) {
  const { me, checking } = useSession();
  const location = useLocation();
  if (checking) return <Loading />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

function HomeButton() {
  const navigate = useNavigate();
  return <Button type="primary" onClick={() => navigate('/')}>返回首页</Button>;
}

/** `permission` may list several: any one of them opens the page. */
function RequirePermission({ permission, children }: { permission: string | readonly string[]; children: ReactNode }) {
  const { can } = useSession();
  if (![permission].flat().some(can)) {
    return <Result status="403" title="无权访问" subTitle="您的角色不能使用此功能。如需开通，请联系本单位系统管理员。" extra={<HomeButton />} />;
  }
  return <>{children}</>;
}

function NotFound() {
  return <Result status="404" title="页面不存在" subTitle="您访问的页面不存在。" extra={<HomeButton />} />;
}

export function App() {
  return (
    <SessionProvider>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route element={<RequireSession><AppLayout /></RequireSession>}>
            <Route index element={<HomePage />} />
            <Route path="children" element={<RequirePermission permission="child.read"><ChildrenPage /></RequirePermission>} />
            <Route path="children/new" element={<RequirePermission permission="child.write"><ChildNewPage /></RequirePermission>} />
            <Route path="children/import" element={<RequirePermission permission="child.import"><ImportPage /></RequirePermission>} />
            <Route path="children/:id" element={<RequirePermission permission="child.read"><ChildDetailPage /></RequirePermission>} />
            <Route path="ledger" element={<RequirePermission permission="ledger.read"><LedgerPage /></RequirePermission>} />
            <Route path="admin/orgs" element={<RequirePermission permission="org.manage"><OrgsPage /></RequirePermission>} />
            <Route path="admin/users" element={<RequirePermission permission="user.manage"><UsersPage /></RequirePermission>} />
            <Route path="admin/keys" element={<RequirePermission permission="org.manage"><KeysPage /></RequirePermission>} />
            <Route path="policy-check" element={<PolicyCheckPage />} />
            <Route path="redact" element={<RedactPage />} />
            <Route path="publications" element={<RequirePermission permission={PUBLICATION_PERMISSIONS}><PublicationsPage /></RequirePermission>} />
            <Route path="publications/new" element={<RequirePermission permission="publication.submit"><PublicationNewPage /></RequirePermission>} />
            <Route path="publications/:id" element={<RequirePermission permission={PUBLICATION_PERMISSIONS}><PublicationDetailPage /></RequirePermission>} />
            <Route path="incidents" element={<RequirePermission permission={INCIDENT_PERMISSIONS}><IncidentsPage /></RequirePermission>} />
            <Route path="incidents/:id" element={<RequirePermission permission={INCIDENT_PERMISSIONS}><IncidentDetailPage /></RequirePermission>} />
            <Route path="emergency" element={<RequirePermission permission="child.read"><EmergencyPage /></RequirePermission>} />
            <Route path="turning-14" element={<RequirePermission permission="child.read"><TurningFourteenPage /></RequirePermission>} />
            <Route path="deletion-tasks" element={<RequirePermission permission="child.read"><DeletionTasksPage /></RequirePermission>} />
            <Route path="purposes" element={<PurposesPage />} />
            <Route path="sharing" element={<RequirePermission permission="sharing.request"><SharingPage /></RequirePermission>} />
            <Route path="account/tokens" element={<TokensPage />} />
            <Route path="account/password" element={<PasswordPage />} />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </Suspense>
    </SessionProvider>
  );
}

/** The console: sign-in, then the screens of the officer's role, Vietnamese first. */
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { ApolloProvider } from '@apollo/client/react';
import { Alert, App as AntApp, Button, ConfigProvider, Layout, Menu, Segmented, Space, Spin, Typography } from 'antd';
import viVN from 'antd/locale/vi_VN';
import enUS from 'antd/locale/en_US';
import { createClient } from './apollo';
import { LanguageContext, useLabel, useT, type Language, type MessageKey } from './i18n';
import { loadSession, saveSession, SessionContext, type Session } from './session';
import { SignIn } from './SignIn';
import { useRoute, navigate } from './route';

const SearchScreen = lazy(() => import('./screens/Search'));
const PersonScreen = lazy(() => import('./screens/Person'));
const ReceptionScreen = lazy(() => import('./screens/Reception'));
const QueueScreen = lazy(() => import('./screens/Queue'));
const AuditScreen = lazy(() => import('./screens/Audit'));
const DashboardScreen = lazy(() => import('./screens/Dashboard'));

/** Secondary texts darker than Ant Design's defaults: WCAG AA contrast (axe-core color-contrast) on white and grey. */
const THEME = {
  token: {
    colorPrimary: '#0b5cab',
    colorLink: '#0a4f94',
    fontSize: 14,
    colorTextDescription: 'rgba(0, 0, 0, 0.68)',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
  },
};

export interface ConsoleConfig {
  signIn: 'development' | 'oidc' | 'unavailable';
  oidc: { issuer: string; clientId: string } | null;
}

/** Which screens each role works on (the graph refuses the rest anyway). */
const SCREENS: Record<string, MessageKey[]> = {
  RECEIVING_OFFICER: ['search', 'reception', 'queue'],
  PROCESSING_OFFICER: ['search', 'queue'],
  APPROVER: ['search', 'queue', 'dashboard'],
  ARCHIVIST: ['search'],
  AUDITOR: ['audit', 'search'],
  ADMIN: ['dashboard', 'search', 'audit'],
};

export function App({ config }: { config: ConsoleConfig }) {
  const [language, setLanguage] = useState<Language>(() => (localStorage.getItem('vss-console-language') === 'en' ? 'en' : 'vi'));
  const [session, setSession] = useState<Session | null>(loadSession);
  const signIn = useCallback((next: Session | null) => {
    saveSession(next);
    setSession(next);
  }, []);
  useEffect(() => {
    localStorage.setItem('vss-console-language', language);
    document.documentElement.lang = language;
  }, [language]);
  return (
    <LanguageContext.Provider value={language}>
      <ConfigProvider locale={language === 'vi' ? viVN : enUS} theme={THEME}>
        <AntApp>
          {session ? (
            <Shell session={session} onSignOut={() => signIn(null)} language={language} setLanguage={setLanguage} />
          ) : (
            <SignIn config={config} onSignedIn={signIn} language={language} setLanguage={setLanguage} />
          )}
        </AntApp>
      </ConfigProvider>
    </LanguageContext.Provider>
  );
}

export function LanguageSwitch({ language, setLanguage }: { language: Language; setLanguage: (l: Language) => void }) {
  return (
    <Segmented
      aria-label="Ngôn ngữ / Language"
      value={language}
      onChange={(v) => setLanguage(v as Language)}
      options={[{ label: 'Tiếng Việt', value: 'vi' }, { label: 'English', value: 'en' }]}
    />
  );
}

function Shell({ session, onSignOut, language, setLanguage }: { session: Session; onSignOut: () => void; language: Language; setLanguage: (l: Language) => void }) {
  const t = useT();
  const label = useLabel();
  const client = useMemo(() => createClient(session.token, onSignOut), [session.token, onSignOut]);
  const screens = SCREENS[session.role] ?? ['search'];
  const route = useRoute(screens[0]!);
  const sessionValue = useMemo(() => ({ session, signOut: onSignOut }), [session, onSignOut]);
  return (
    <SessionContext.Provider value={sessionValue}>
      <ApolloProvider client={client}>
        <Layout style={{ minHeight: '100vh' }}>
          <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 16 }}>
            <Typography.Text strong style={{ color: '#fff', whiteSpace: 'nowrap' }}>{t('appTitle')}</Typography.Text>
            <nav aria-label="Chức năng" style={{ flex: 1, minWidth: 0 }}>
              <Menu
                theme="dark"
                mode="horizontal"
                selectedKeys={[route.screen]}
                onClick={(e) => navigate(e.key)}
                items={screens.map((s) => ({ key: s, label: t(s) }))}
                style={{ minWidth: 0 }}
              />
            </nav>
            <Space>
              <Typography.Text style={{ color: '#fff' }} data-testid="who">
                {session.officerName} · {label(session.role)} · {session.agency}
              </Typography.Text>
              <LanguageSwitch language={language} setLanguage={setLanguage} />
              <Button onClick={onSignOut}>{t('signOut')}</Button>
            </Space>
          </Layout.Header>
          <Layout.Content style={{ padding: 16 }}>
            <main>
              <Suspense fallback={<Spin tip={t('loading')} />}>
                <Screen screen={route.screen} args={route.args} allowed={screens} />
              </Suspense>
            </main>
          </Layout.Content>
        </Layout>
      </ApolloProvider>
    </SessionContext.Provider>
  );
}

function Screen({ screen, args, allowed }: { screen: string; args: string[]; allowed: string[] }) {
  switch (screen) {
    case 'person':
      return <PersonScreen personalId={args[0] ?? ''} />;
    case 'dossier':
      return <QueueScreen openCode={args[0]} />;
    default:
      if (!allowed.includes(screen)) return <Alert type="warning" title={screen} showIcon />;
  }
  switch (screen) {
    case 'search':
      return <SearchScreen />;
    case 'reception':
      return <ReceptionScreen />;
    case 'queue':
      return <QueueScreen />;
    case 'audit':
      return <AuditScreen />;
    case 'dashboard':
      return <DashboardScreen />;
    default:
      return null;
  }
}

/** Sign-in: the development picker over /dev/token, or the agency's OpenID Connect provider (code + PKCE). */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Select, Space, Typography } from 'antd';
import type { ConsoleConfig } from './App';
import { LanguageSwitch } from './App';
import { useLabel, useT, type Language } from './i18n';
import { claimsOf, type Session } from './session';
import { messageOf } from './errors';

interface Options {
  roles: string[];
  agencies: { code: string; name: string; officers: { code: string; fullName: string; roles: string[] }[] }[];
}

async function oidcManager(config: NonNullable<ConsoleConfig['oidc']>) {
  const { UserManager, WebStorageStateStore } = await import('oidc-client-ts');
  return new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: `${window.location.origin}/`,
    response_type: 'code',
    scope: 'openid profile',
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
}

/** The session an access token of the provider gives: its claims name the officer, agency and role. */
function sessionFromToken(token: string, expiresAt: number | undefined): Session {
  const claims = claimsOf(token);
  const roles = Array.isArray(claims.roles) ? (claims.roles as string[]) : [];
  return {
    token,
    role: roles[0] ?? '',
    officer: String(claims.sub ?? ''),
    officerName: String(claims.name ?? claims.sub ?? ''),
    agency: String(claims.agency ?? ''),
    expiresAt: new Date((expiresAt ?? Date.now() / 1000 + 3600) * 1000).toISOString(),
  };
}

export function SignIn({ config, onSignedIn, language, setLanguage }: { config: ConsoleConfig; onSignedIn: (s: Session) => void; language: Language; setLanguage: (l: Language) => void }) {
  const t = useT();
  const label = useLabel();
  const [options, setOptions] = useState<Options | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ role: string; agency: string }>();

  useEffect(() => {
    if (config.signIn === 'development') {
      fetch('/dev/token').then((r) => r.json()).then((o: Options) => setOptions(o), (e) => setError(messageOf(e, language)));
    }
    // Back from the provider with ?code=…&state=…: finish the authorization code exchange (PKCE verifier in sessionStorage).
    if (config.signIn === 'oidc' && config.oidc && new URLSearchParams(window.location.search).has('code')) {
      setBusy(true);
      void oidcManager(config.oidc)
        .then((m) => m.signinRedirectCallback())
        .then((user) => {
          window.history.replaceState(null, '', '/');
          onSignedIn(sessionFromToken(user.access_token, user.expires_at));
        })
        .catch((e: Error) => setError(e.message))
        .finally(() => setBusy(false));
    }
  }, [config, language, onSignedIn]);

  async function signInDevelopment(values: { role: string; agency: string }) {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch('/dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(values) });
      const body = await response.json();
      if (!response.ok) throw Object.assign(new Error('refused'), { code: body.errors?.[0]?.extensions?.code });
      onSignedIn({ token: body.token, role: body.role, officer: body.officer, officerName: body.officerName, agency: body.agency, expiresAt: body.expiresAt });
    } catch (e) {
      setError(messageOf(e, language));
    } finally {
      setBusy(false);
    }
  }

  const agencies = options?.agencies ?? [];
  return (
    <main style={{ display: 'grid', placeItems: 'center', minHeight: '100vh', padding: 16, background: '#f0f4f8' }}>
      <Card style={{ width: 'min(480px, 100%)' }}>
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{t('signInTitle')}</Typography.Title>
          </div>
          <LanguageSwitch language={language} setLanguage={setLanguage} />
          {error && <Alert type="error" role="alert" title={error} showIcon />}
          {config.signIn === 'development' && (
            <>
              <Typography.Paragraph>{t('devSignInNote')}</Typography.Paragraph>
              <Form form={form} layout="vertical" onFinish={signInDevelopment} initialValues={{ role: 'RECEIVING_OFFICER', agency: '000.00.01.H41' }}>
                <Form.Item name="role" label={t('role')} rules={[{ required: true }]}>
                  <Select id="sign-in-role" aria-label={t('role')} options={(options?.roles ?? []).map((r) => ({ value: r, label: label(r) }))} loading={!options} />
                </Form.Item>
                <Form.Item name="agency" label={t('agency')} rules={[{ required: true }]}>
                  <Select id="sign-in-agency" aria-label={t('agency')} showSearch optionFilterProp="label" options={agencies.map((a) => ({ value: a.code, label: `${a.name} (${a.code})` }))} loading={!options} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={busy} block>{t('signIn')}</Button>
              </Form>
            </>
          )}
          {config.signIn === 'oidc' && config.oidc && (
            <>
              <Typography.Paragraph>{t('oidcSignInNote')}</Typography.Paragraph>
              <Button type="primary" block loading={busy} onClick={() => void oidcManager(config.oidc!).then((m) => m.signinRedirect())}>
                {t('signIn')}
              </Button>
            </>
          )}
          {config.signIn === 'unavailable' && <Alert type="warning" title={t('signInUnavailable')} showIcon />}
        </Space>
      </Card>
    </main>
  );
}

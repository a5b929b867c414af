import { DownOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Avatar,
  Button,
  Drawer,
  Dropdown,
  Layout,
  Menu,
  type MenuProps,
  Select,
  Typography,
} from 'antd';
import { Suspense, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import type { MeView } from '../../shared/schemas/auth.ts';
import { errorMessage, post } from '../api/client.ts';
import { can, fetchMe, ME_KEY, useSession, useSignOut } from '../api/session.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { Loading } from '../components/Loading.tsx';
import { NotificationSlot } from '../components/NotificationSlot.tsx';
import { DESKTOP_QUERY, useMediaQuery } from '../lib/media.ts';
import { useDutyPermissions } from './duties.ts';
import { allowedNav, entryFor, type NavEntry, SIDEBAR_GROUPS } from './nav.tsx';

function positionLabel(p: MeView['positions'][number], roleLabel: string): string {
  const division = p.divisionName ? `${p.divisionName}, ` : '';
  return `${p.title || roleLabel} — ${division}${p.agencyShortName}`;
}

/** Chooses which of the person's positions (kiêm nhiệm) they act in; everything is re-read afterwards. */
function PositionSwitcher({ me, dark }: { me: MeView; dark?: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = useState(false);
  if (me.positions.length < 2) return null;
  const change = async (positionId: string) => {
    setBusy(true);
    try {
      await post('/auth/position', { positionId });
      const next = await qc.fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 0 });
      await qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      const entry = entryFor(location.pathname);
      if (entry && !can(next, entry.permission)) navigate('/');
      const p = next?.position;
      if (p)
        message.success(
          t('shell.positionSwitched', { title: p.title || t(`roles.${p.role}`), agency: p.agencyName }),
        );
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Select
      className={dark ? 'lt-position-select lt-position-select-dark' : 'lt-position-select'}
      aria-label={t('shell.position')}
      value={me.position?.id}
      loading={busy}
      disabled={busy}
      onChange={(v: string) => void change(v)}
      popupMatchSelectWidth={false}
      options={me.positions.map((p) => ({ value: p.id, label: positionLabel(p, t(`roles.${p.role}`)) }))}
      style={{ minWidth: 220, maxWidth: dark ? 360 : '100%', width: dark ? undefined : '100%' }}
    />
  );
}

function NavMenu({
  entries,
  selected,
  onNavigate,
}: {
  entries: NavEntry[];
  selected?: string;
  onNavigate?: () => void;
}) {
  const { t } = useTranslation();
  const item = (e: NavEntry) => ({
    key: e.key,
    icon: e.icon,
    label: (
      <Link to={e.path} onClick={onNavigate} aria-current={selected === e.key ? 'page' : undefined}>
        {t(e.label)}
      </Link>
    ),
  });
  const items: MenuProps['items'] = [];
  for (const g of SIDEBAR_GROUPS) {
    const inGroup = entries.filter((e) => e.group === g);
    if (inGroup.length === 0) continue;
    if (g === 'general') items.push(...inGroup.map(item));
    else items.push({ type: 'group', key: g, label: t(`nav.groups.${g}`), children: inGroup.map(item) });
  }
  return (
    <Menu mode="inline" selectedKeys={selected ? [selected] : []} items={items} className="lt-nav-menu" />
  );
}

function PersonCard({ me }: { me: MeView }) {
  const { t } = useTranslation();
  const p = me.position;
  return (
    <div className="lt-person-card">
      <Avatar icon={<UserOutlined aria-hidden />} className="lt-avatar" />
      <div>
        <div className="lt-person-name">{me.fullName}</div>
        <div className="lt-person-position">
          {p ? p.title || t(`roles.${p.role}`) : t('shell.noPosition')}
        </div>
        {me.agency ? <div className="lt-person-position">{me.agency.name}</div> : null}
      </div>
    </div>
  );
}

/** The signed-in shell, inside antd's <App> so screens can use message, modal and notification. */
export default function AppLayout() {
  return (
    <App>
      <Shell />
    </App>
  );
}

/** Header, navigation (sidebar on desktop, drawer on phones), main content, footer. */
function Shell() {
  const { t } = useTranslation();
  const me = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const desktop = useMediaQuery(DESKTOP_QUERY);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const userButton = useRef<HTMLButtonElement>(null);
  const permissions = useDutyPermissions(me.permissions);
  const entries = useMemo(() => allowedNav(permissions), [permissions]);
  const selected = entryFor(location.pathname)?.key;

  const doSignOut = async () => {
    await signOut();
    navigate('/dang-nhap', { replace: true, state: { signedOut: true } });
  };

  const personalItems: MenuProps['items'] = [
    ...entries
      .filter((e) => e.group === 'personal')
      .map((e) => ({ key: e.key, icon: e.icon, label: t(e.label), onClick: () => navigate(e.path) })),
    { type: 'divider' as const },
    {
      key: 'signOut',
      icon: <LogoutOutlined aria-hidden />,
      label: t('nav.signOut'),
      onClick: () => void doSignOut(),
    },
  ];

  const positionText = me.position
    ? me.position.title || t(`roles.${me.position.role}`)
    : t('shell.noPosition');

  return (
    <Layout className="lt-shell">
      <a className="lt-skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <Layout.Header className="lt-header">
        {!desktop ? (
          <Button
            type="text"
            className="lt-header-button"
            icon={<MenuOutlined aria-hidden />}
            aria-label={t('shell.openMenu')}
            aria-expanded={drawerOpen}
            onClick={() => setDrawerOpen(true)}
          />
        ) : null}
        <Link to="/" className="lt-brand">
          <img src="/favicon.svg" alt="" width={32} height={32} className="lt-brand-logo" />
          <span className="lt-brand-text">
            <span className="lt-brand-title">{desktop ? t('app.fullTitle') : t('app.name')}</span>
            {me.agency ? <span className="lt-brand-agency">{me.agency.name}</span> : null}
          </span>
        </Link>
        <div className="lt-header-spacer" />
        {desktop ? <PositionSwitcher me={me} dark /> : null}
        {desktop ? <LanguageSwitch variant="header" /> : null}
        <NotificationSlot />
        <Dropdown
          menu={{ items: personalItems }}
          trigger={['click']}
          placement="bottomRight"
          autoFocus
          onOpenChange={(open) => {
            // Escape or a choice closes the menu: give focus back to its button, not to the page body.
            const inMenu =
              document.activeElement?.closest('.ant-dropdown') || document.activeElement === document.body;
            if (!open && inMenu) requestAnimationFrame(() => userButton.current?.focus());
          }}
        >
          <Button
            ref={userButton}
            type="text"
            className="lt-header-button lt-user-button"
            // WCAG 2.5.3 (label in name): where the name and position are shown, they are the button's
            // name, so a voice-control user can say what they see; on a phone only the avatar shows.
            aria-label={desktop ? undefined : t('shell.personalMenu', { name: me.fullName })}
          >
            <Avatar size="small" icon={<UserOutlined aria-hidden />} className="lt-avatar" />
            {desktop ? (
              <span className="lt-user-text">
                <span className="lt-user-name">{me.fullName}</span>
                <span className="lt-user-position">{positionText}</span>
              </span>
            ) : null}
            <DownOutlined aria-hidden className="lt-user-caret" />
          </Button>
        </Dropdown>
      </Layout.Header>
      <Layout>
        {desktop ? (
          <Layout.Sider width={248} className="lt-sider" theme="light">
            <nav aria-label={t('shell.mainNav')}>
              <NavMenu entries={entries} selected={selected} />
            </nav>
          </Layout.Sider>
        ) : null}
        <Layout className="lt-body">
          <Layout.Content id="main" tabIndex={-1} className="lt-content">
            <Suspense fallback={<Loading />}>
              <Outlet />
            </Suspense>
          </Layout.Content>
          <Layout.Footer className="lt-footer">
            <Typography.Text type="secondary">
              {t('app.footer', { year: new Date().getFullYear() })}
            </Typography.Text>
          </Layout.Footer>
        </Layout>
      </Layout>
      {!desktop ? (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={300}
          title={t('shell.menuTitle')}
          className="lt-drawer"
        >
          <PersonCard me={me} />
          {me.positions.length > 1 ? (
            <div className="lt-drawer-block">
              <Typography.Text strong>{t('shell.position')}</Typography.Text>
              <PositionSwitcher me={me} />
            </div>
          ) : null}
          <nav aria-label={t('shell.mainNav')}>
            <NavMenu entries={entries} selected={selected} onNavigate={() => setDrawerOpen(false)} />
          </nav>
          <div className="lt-drawer-block">
            <LanguageSwitch />
          </div>
        </Drawer>
      ) : null}
    </Layout>
  );
}

import {
  ApiOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  CheckSquareOutlined,
  CloudUploadOutlined,
  ClusterOutlined,
  ContainerOutlined,
  CopyOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  EditOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  FolderOpenOutlined,
  FundOutlined,
  HomeOutlined,
  InboxOutlined,
  KeyOutlined,
  LaptopOutlined,
  MailOutlined,
  NotificationOutlined,
  OrderedListOutlined,
  ProfileOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SendOutlined,
  ShopOutlined,
  SolutionOutlined,
  SyncOutlined,
  TableOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from 'react';
import type { Messages } from '../../shared/i18n/vi.ts';
import { loadSystemTexts, type TextSystem } from '../i18n.ts';

/**
 * Systems (groups) shown in the navigation. Later modules add theirs here, e.g.
 * documents (Văn bản đến, Văn bản đi, Hồ sơ công việc), management (Chỉ tiêu KT-XH, Lịch công tác,
 * Thông báo), legal (Văn bản QPPL, Công báo), public services (Dịch vụ công, Phản ánh kiến nghị),
 * reports (Báo cáo) — each only once its screens exist, so there is never a dead link.
 */
export type NavGroup =
  | 'general'
  | 'portal'
  | 'documents'
  | 'legal'
  | 'services'
  | 'indicators'
  | 'reports'
  | 'admin'
  | 'personal';

/** Sidebar groups in display order; `personal` lives in the header's account menu instead. */
export const SIDEBAR_GROUPS: NavGroup[] = [
  'general',
  'portal',
  'documents',
  'legal',
  'services',
  'indicators',
  'reports',
  'admin',
];

type NavLabel = `nav.${Exclude<keyof Messages['nav'], 'groups'>}`;

export interface NavEntry {
  key: string;
  group: NavGroup;
  /** i18n key of the label. */
  label: NavLabel;
  /** Absolute route path (Vietnamese slugs). */
  path: string;
  /** A permission from /api/v1/me → permissions; absent = every signed-in person. */
  permission?: string;
  /** Hidden entries have none. */
  icon?: ReactNode;
  /** A route reached from inside a screen (a form, a detail page), not listed in the menu. */
  hidden?: boolean;
  /** The screen, loaded on first visit (keeps the sign-in route small). */
  component: LazyExoticComponent<ComponentType>;
}

/** A portal screen: loaded together with the portal's texts, which the sign-in route does not carry. */
function portalScreen(load: () => Promise<{ default: ComponentType }>): LazyExoticComponent<ComponentType> {
  return systemScreen('portal', load);
}

/** A screen of the legal documents base, the gazette or copies (their texts come with it). */
function legalScreen(load: () => Promise<{ default: ComponentType }>): LazyExoticComponent<ComponentType> {
  return systemScreen('legal', load);
}

/** A screen of public services (their texts come with it). */
function servicesScreen(load: () => Promise<{ default: ComponentType }>): LazyExoticComponent<ComponentType> {
  return systemScreen('services', load);
}

/** A screen of a system whose texts are loaded with its screens (src/web/i18n.ts). */
function systemScreen(
  system: TextSystem,
  load: () => Promise<{ default: ComponentType }>,
): LazyExoticComponent<ComponentType> {
  return lazy(() => Promise.all([load(), loadSystemTexts(system)]).then(([m]) => m));
}

/** Periodic reports (h-web): one loader for all their screens (PeriodicScreens picks by address). */
const periodicScreens = systemScreen(
  'reports',
  () => import('../features/reports/periodic/PeriodicScreens.tsx'),
);

export const NAV: NavEntry[] = [
  {
    key: 'home',
    group: 'general',
    label: 'nav.home',
    path: '/',
    icon: <HomeOutlined aria-hidden />,
    component: lazy(() => import('../features/home/HomePage.tsx')),
  },
  {
    key: 'portalHome',
    group: 'portal',
    label: 'nav.portalHome',
    path: '/dieu-hanh',
    icon: <DashboardOutlined aria-hidden />,
    component: portalScreen(() => import('../features/portal/home/PortalHomePage.tsx')),
  },
  {
    key: 'schedule',
    group: 'portal',
    label: 'nav.schedule',
    path: '/lich-cong-tac',
    icon: <CalendarOutlined aria-hidden />,
    component: portalScreen(() => import('../features/portal/schedule/SchedulePage.tsx')),
  },
  {
    key: 'scheduleFeeds',
    group: 'portal',
    label: 'nav.scheduleFeeds',
    path: '/lich-cong-tac/dang-ky',
    icon: <SyncOutlined aria-hidden />,
    component: portalScreen(() => import('../features/portal/feeds/FeedsPage.tsx')),
  },
  {
    key: 'invitations',
    group: 'portal',
    label: 'nav.invitations',
    path: '/giay-moi',
    permission: 'schedule.manage',
    icon: <ScheduleOutlined aria-hidden />,
    component: portalScreen(() => import('../features/portal/invitations/InvitationsPage.tsx')),
  },
  {
    key: 'tasks',
    group: 'portal',
    label: 'nav.tasks',
    path: '/nhiem-vu',
    icon: <CarryOutOutlined aria-hidden />,
    component: portalScreen(() => import('../features/portal/tasks/TasksPage.tsx')),
  },
  {
    key: 'assignTasks',
    group: 'portal',
    label: 'nav.tasks',
    path: '/nhiem-vu/giao',
    permission: 'tasks.manage',
    hidden: true,
    component: portalScreen(() => import('../features/portal/tasks/AssignTasksPage.tsx')),
  },
  {
    key: 'task',
    group: 'portal',
    label: 'nav.tasks',
    path: '/nhiem-vu/:id',
    hidden: true,
    component: portalScreen(() => import('../features/portal/tasks/TaskDetailPage.tsx')),
  },
  {
    key: 'announcements',
    group: 'portal',
    label: 'nav.announcements',
    path: '/thong-bao',
    icon: <NotificationOutlined aria-hidden />,
    component: portalScreen(() => import('../features/portal/announcements/AnnouncementsPage.tsx')),
  },
  {
    key: 'announcementCompose',
    group: 'portal',
    label: 'nav.announcements',
    path: '/thong-bao/soan',
    permission: 'announcements.publish',
    hidden: true,
    component: portalScreen(() => import('../features/portal/announcements/ComposePage.tsx')),
  },
  {
    key: 'announcement',
    group: 'portal',
    label: 'nav.announcements',
    path: '/thong-bao/:id',
    hidden: true,
    component: portalScreen(() => import('../features/portal/announcements/AnnouncementDetailPage.tsx')),
  },
  {
    key: 'incoming',
    group: 'documents',
    label: 'nav.incoming',
    path: '/van-ban/den',
    permission: 'documents',
    icon: <InboxOutlined aria-hidden />,
    component: lazy(() =>
      import('../features/documents/DocumentListPage.tsx').then((m) => ({ default: m.IncomingListPage })),
    ),
  },
  {
    key: 'outgoing',
    group: 'documents',
    label: 'nav.outgoing',
    path: '/van-ban/di',
    permission: 'documents',
    icon: <SendOutlined aria-hidden />,
    component: lazy(() =>
      import('../features/documents/DocumentListPage.tsx').then((m) => ({ default: m.OutgoingListPage })),
    ),
  },
  {
    key: 'registerIncoming',
    group: 'documents',
    label: 'nav.incoming',
    path: '/van-ban/den/vao-so',
    permission: 'documents',
    hidden: true,
    component: lazy(() => import('../features/documents/RegisterIncomingPage.tsx')),
  },
  {
    key: 'newDraft',
    group: 'documents',
    label: 'nav.outgoing',
    path: '/van-ban/di/soan',
    permission: 'documents',
    hidden: true,
    component: lazy(() => import('../features/documents/DraftPage.tsx')),
  },
  {
    key: 'draftFromTemplate',
    group: 'documents',
    label: 'nav.outgoing',
    path: '/van-ban/:id/soan-theo-mau',
    permission: 'documents',
    hidden: true,
    component: systemScreen('paperless', () => import('../features/drafting/DraftFromTemplatePage.tsx')),
  },
  {
    key: 'document',
    group: 'documents',
    label: 'nav.incoming',
    path: '/van-ban/:id',
    permission: 'documents',
    hidden: true,
    component: lazy(() => import('../features/documents/DocumentDetailPage.tsx')),
  },
  {
    key: 'dossiers',
    group: 'documents',
    label: 'nav.dossiers',
    path: '/ho-so',
    permission: 'dossiers',
    icon: <FolderOpenOutlined aria-hidden />,
    component: lazy(() => import('../features/dossiers/DossierListPage.tsx')),
  },
  {
    key: 'dossierPlan',
    group: 'documents',
    label: 'nav.dossierPlan',
    path: '/ho-so/danh-muc',
    permission: 'dossiers',
    icon: <OrderedListOutlined aria-hidden />,
    component: lazy(() => import('../features/dossiers/PlanPage.tsx')),
  },
  {
    key: 'transfers',
    group: 'documents',
    label: 'nav.transfers',
    path: '/ho-so/nop-luu',
    permission: 'dossiers.archive',
    icon: <ContainerOutlined aria-hidden />,
    component: lazy(() => import('../features/dossiers/TransferPage.tsx')),
  },
  {
    key: 'archive',
    group: 'documents',
    label: 'nav.archive',
    path: '/ho-so/luu-tru',
    permission: 'dossiers.archive',
    icon: <DatabaseOutlined aria-hidden />,
    component: lazy(() => import('../features/dossiers/ArchivePage.tsx')),
  },
  {
    key: 'dossier',
    group: 'documents',
    label: 'nav.dossiers',
    path: '/ho-so/:id',
    permission: 'dossiers',
    hidden: true,
    component: lazy(() => import('../features/dossiers/DossierPage.tsx')),
  },
  {
    key: 'exchangeImport',
    group: 'documents',
    label: 'nav.exchangeImport',
    path: '/van-ban/den/nhap-edxml',
    permission: 'exchange.import',
    icon: <CloudUploadOutlined aria-hidden />,
    component: lazy(() => import('../features/exchange/ImportPage.tsx')),
  },
  {
    key: 'legalDocuments',
    group: 'legal',
    label: 'nav.legalDocuments',
    path: '/van-ban-phap-luat',
    icon: <BookOutlined aria-hidden />,
    component: legalScreen(() => import('../features/legal/records/LegalListPage.tsx')),
  },
  {
    key: 'legalImport',
    group: 'legal',
    label: 'nav.legalImport',
    path: '/van-ban-phap-luat/nhap',
    permission: 'legal.manage',
    icon: <CloudUploadOutlined aria-hidden />,
    component: legalScreen(() => import('../features/legal/importing/LegalImportPage.tsx')),
  },
  {
    key: 'legalNew',
    group: 'legal',
    label: 'nav.legalDocuments',
    path: '/van-ban-phap-luat/them',
    permission: 'legal.manage',
    hidden: true,
    component: legalScreen(() => import('../features/legal/records/LegalEditPage.tsx')),
  },
  {
    key: 'legalEdit',
    group: 'legal',
    label: 'nav.legalDocuments',
    path: '/van-ban-phap-luat/:id/sua',
    permission: 'legal.manage',
    hidden: true,
    component: legalScreen(() => import('../features/legal/records/LegalEditPage.tsx')),
  },
  {
    key: 'legalDocument',
    group: 'legal',
    label: 'nav.legalDocuments',
    path: '/van-ban-phap-luat/:id',
    hidden: true,
    component: legalScreen(() => import('../features/legal/records/LegalDocumentPage.tsx')),
  },
  {
    key: 'gazette',
    group: 'legal',
    label: 'nav.gazette',
    path: '/cong-bao',
    permission: 'gazette.submit',
    icon: <ReadOutlined aria-hidden />,
    component: legalScreen(() => import('../features/legal/gazette/GazettePage.tsx')),
  },
  {
    key: 'gazetteIssue',
    group: 'legal',
    label: 'nav.gazette',
    path: '/cong-bao/so/:id',
    permission: 'gazette.submit',
    hidden: true,
    component: legalScreen(() => import('../features/legal/gazette/GazetteIssuePage.tsx')),
  },
  {
    key: 'copies',
    group: 'legal',
    label: 'nav.copies',
    path: '/sao-van-ban',
    permission: 'legal.copy',
    icon: <CopyOutlined aria-hidden />,
    component: legalScreen(() => import('../features/legal/copies/CopiesPage.tsx')),
  },
  {
    key: 'servicesDesk',
    group: 'services',
    label: 'nav.servicesDesk',
    path: '/mot-cua',
    permission: 'services.desk',
    icon: <ShopOutlined aria-hidden />,
    component: servicesScreen(() => import('../features/services/desk/DeskPage.tsx')),
  },
  {
    key: 'servicesCounter',
    group: 'services',
    label: 'nav.servicesDesk',
    path: '/mot-cua/nhan-ho-so',
    permission: 'services.desk',
    hidden: true,
    component: servicesScreen(() => import('../features/services/desk/CounterPage.tsx')),
  },
  {
    key: 'servicesDeskDossier',
    group: 'services',
    label: 'nav.servicesDesk',
    path: '/mot-cua/ho-so/:id',
    permission: 'services.handle',
    hidden: true,
    component: servicesScreen(() => import('../features/services/desk/DossierPage.tsx')),
  },
  {
    key: 'servicesWork',
    group: 'services',
    label: 'nav.servicesWork',
    path: '/ho-so-tthc',
    permission: 'services.handle',
    icon: <SolutionOutlined aria-hidden />,
    component: servicesScreen(() => import('../features/services/desk/WorkPage.tsx')),
  },
  {
    key: 'servicesProcedures',
    group: 'services',
    label: 'nav.servicesProcedures',
    path: '/thu-tuc-hanh-chinh',
    permission: 'services.catalogue',
    icon: <OrderedListOutlined aria-hidden />,
    component: servicesScreen(() => import('../features/services/catalogue/CataloguePage.tsx')),
  },
  {
    key: 'servicesProcedure',
    group: 'services',
    label: 'nav.servicesProcedures',
    path: '/thu-tuc-hanh-chinh/:code',
    permission: 'services.catalogue',
    hidden: true,
    component: servicesScreen(() => import('../features/services/catalogue/ProcedurePage.tsx')),
  },
  {
    key: 'feedback',
    group: 'services',
    label: 'nav.feedback',
    path: '/phan-anh',
    permission: 'feedback.handle',
    icon: <SolutionOutlined aria-hidden />,
    component: servicesScreen(() => import('../features/feedback/RegisterPage.tsx')),
  },
  {
    key: 'feedbackItem',
    group: 'services',
    label: 'nav.feedback',
    path: '/phan-anh/:id',
    permission: 'feedback.handle',
    hidden: true,
    component: servicesScreen(() => import('../features/feedback/FeedbackScreens.tsx')),
  },
  {
    key: 'servicesFigures',
    group: 'services',
    label: 'nav.servicesFigures',
    path: '/chi-so-dich-vu-cong',
    permission: 'services.figures',
    icon: <FundOutlined aria-hidden />,
    component: servicesScreen(() => import('../features/services/figures/FiguresPage.tsx')),
  },
  {
    key: 'servicesFigureDossiers',
    group: 'services',
    label: 'nav.servicesFigures',
    path: '/chi-so-dich-vu-cong/ho-so',
    permission: 'services.figures',
    hidden: true,
    component: servicesScreen(() => import('../features/services/figures/FigureDossiersPage.tsx')),
  },
  {
    key: 'reportsMeasures',
    group: 'reports',
    label: 'nav.reportsMeasures',
    path: '/bao-cao/so-lieu',
    permission: 'reports.measures',
    icon: <BarChartOutlined aria-hidden />,
    component: systemScreen('reports', () => import('../features/reports/MeasuresPage.tsx')),
  },
  {
    key: 'reportsMeasureRecords',
    group: 'reports',
    label: 'nav.reportsMeasures',
    path: '/bao-cao/so-lieu/van-ban',
    permission: 'reports.measures',
    hidden: true,
    component: systemScreen('reports', () => import('../features/reports/MeasureRecordsPage.tsx')),
  },
  // IT plans (issue 20): the agency's own plans, the province's tracking, one plan.
  {
    key: 'reportsPlans',
    group: 'reports',
    label: 'nav.reportsPlans',
    path: '/bao-cao/ke-hoach',
    permission: 'plans.edit',
    icon: <ProfileOutlined aria-hidden />,
    component: systemScreen('reports', () => import('../features/reports/plans/PlansPage.tsx')),
  },
  {
    key: 'reportsPlansOverview',
    group: 'reports',
    label: 'nav.reportsPlansOverview',
    path: '/bao-cao/ke-hoach/theo-doi',
    permission: 'plans.review',
    icon: <FundOutlined aria-hidden />,
    component: systemScreen('reports', () => import('../features/reports/plans/PlansOverviewPage.tsx')),
  },
  {
    key: 'reportsPlan',
    group: 'reports',
    label: 'nav.reportsPlans',
    path: '/bao-cao/ke-hoach/:id',
    hidden: true,
    component: systemScreen('reports', () => import('../features/reports/plans/PlanPage.tsx')),
  },
  // --- Periodic reports (issue 20, h-web): the agency's reports to fill; the IT department's
  // periods, dashboard, consolidation, late reports and templates under /bao-cao/tong-hop. ---
  {
    key: 'reportsPeriodic',
    group: 'reports',
    label: 'nav.reportsPeriodic',
    path: '/bao-cao/dinh-ky',
    permission: 'reports.fill',
    icon: <ContainerOutlined aria-hidden />,
    component: periodicScreens,
  },
  {
    key: 'reportsPeriodicFill',
    group: 'reports',
    label: 'nav.reportsPeriodic',
    path: '/bao-cao/dinh-ky/:id',
    permission: 'reports.fill',
    hidden: true,
    component: periodicScreens,
  },
  {
    key: 'reportsConsolidate',
    group: 'reports',
    label: 'nav.reportsConsolidate',
    path: '/bao-cao/tong-hop',
    permission: 'reports.consolidate',
    icon: <FundOutlined aria-hidden />,
    component: periodicScreens,
  },
  {
    // The period's dashboard, its consolidated report, a submission under review, the late reports,
    // the templates: PeriodicScreens picks the screen by the address.
    key: 'reportsConsolidateScreens',
    group: 'reports',
    label: 'nav.reportsConsolidate',
    path: '/bao-cao/tong-hop/*',
    permission: 'reports.consolidate',
    hidden: true,
    component: periodicScreens,
  },
  // --- end of periodic reports ---
  {
    key: 'exchange',
    group: 'admin',
    label: 'nav.exchange',
    path: '/quan-tri/lien-thong',
    permission: 'exchange.manage',
    icon: <ApiOutlined aria-hidden />,
    component: lazy(() => import('../features/exchange/ExchangePage.tsx')),
  },
  {
    key: 'mailCandidates',
    group: 'documents',
    label: 'nav.mailCandidates',
    path: '/van-ban/den/thu-dien-tu',
    permission: 'mail.receive',
    icon: <MailOutlined aria-hidden />,
    component: lazy(() => import('../features/mail/MailCandidatesPage.tsx')),
  },
  {
    key: 'agencies',
    group: 'admin',
    label: 'nav.agencies',
    path: '/quan-tri/don-vi',
    permission: 'agencies.manage',
    icon: <ClusterOutlined aria-hidden />,
    component: lazy(() => import('../features/agencies/AgenciesPage.tsx')),
  },
  {
    key: 'people',
    group: 'admin',
    label: 'nav.people',
    path: '/quan-tri/nguoi-dung',
    permission: 'people.manage',
    icon: <TeamOutlined aria-hidden />,
    component: lazy(() => import('../features/people/PeoplePage.tsx')),
  },
  {
    key: 'templates',
    group: 'admin',
    label: 'nav.templates',
    path: '/quan-tri/mau-van-ban',
    permission: 'templates.manage',
    icon: <FileTextOutlined aria-hidden />,
    component: systemScreen('paperless', () => import('../features/drafting/TemplatesPage.tsx')),
  },
  {
    key: 'signingKeys',
    group: 'admin',
    label: 'nav.signingKeys',
    path: '/quan-tri/chu-ky-so',
    permission: 'signatures.keys',
    icon: <SafetyCertificateOutlined aria-hidden />,
    component: systemScreen('paperless', () => import('../features/signatures/keys/SigningKeysPage.tsx')),
  },
  {
    key: 'audit',
    group: 'admin',
    label: 'nav.audit',
    path: '/quan-tri/nhat-ky',
    permission: 'audit.read',
    icon: <AuditOutlined aria-hidden />,
    component: lazy(() => import('../features/audit/AuditPage.tsx')),
  },
  {
    key: 'mailAdmin',
    group: 'admin',
    label: 'nav.mailAdmin',
    path: '/quan-tri/thu-dien-tu',
    permission: 'mail.manage',
    icon: <MailOutlined aria-hidden />,
    component: lazy(() => import('../features/mail/MailAdminPage.tsx')),
  },
  {
    key: 'trustAnchors',
    group: 'admin',
    label: 'nav.trustAnchors',
    path: '/quan-tri/chung-thu-tin-cay',
    permission: 'signatures.trust',
    icon: <SafetyCertificateOutlined aria-hidden />,
    component: systemScreen('paperless', () => import('../features/signatures/trust/TrustAnchorsPage.tsx')),
  },
  {
    key: 'indicatorsEntry',
    group: 'indicators',
    label: 'nav.indicatorsEntry',
    path: '/chi-tieu/nhap',
    permission: 'indicators.report',
    icon: <EditOutlined aria-hidden />,
    component: lazy(() => import('../features/indicators/entry/EntryListPage.tsx')),
  },
  {
    key: 'indicatorsEntrySheet',
    group: 'indicators',
    label: 'nav.indicatorsEntry',
    path: '/chi-tieu/nhap/:formId/:period',
    permission: 'indicators.report',
    icon: <EditOutlined aria-hidden />,
    hidden: true,
    component: lazy(() => import('../features/indicators/entry/EntryPage.tsx')),
  },
  {
    key: 'indicatorsInbox',
    group: 'indicators',
    label: 'nav.indicatorsInbox',
    path: '/chi-tieu/duyet',
    permission: 'indicators.approve',
    icon: <FileDoneOutlined aria-hidden />,
    component: lazy(() => import('../features/indicators/entry/InboxPage.tsx')),
  },
  {
    key: 'indicatorsReview',
    group: 'indicators',
    label: 'nav.indicatorsInbox',
    path: '/chi-tieu/duyet/:formId/:period/:agencyId',
    permission: 'indicators.approve',
    icon: <FileDoneOutlined aria-hidden />,
    hidden: true,
    component: lazy(() => import('../features/indicators/entry/ReviewPage.tsx')),
  },
  {
    key: 'indicatorsCompleteness',
    group: 'indicators',
    label: 'nav.indicatorsCompleteness',
    path: '/chi-tieu/tinh-hinh',
    permission: 'indicators.read',
    icon: <FieldTimeOutlined aria-hidden />,
    component: lazy(() => import('../features/indicators/entry/CompletenessPage.tsx')),
  },
  {
    key: 'indicatorsAnalysis',
    group: 'indicators',
    label: 'nav.indicatorsAnalysis',
    path: '/chi-tieu/phan-tich',
    permission: 'indicators.read',
    icon: <BarChartOutlined aria-hidden />,
    component: lazy(() => import('../features/indicators/analysis/AnalysisPage.tsx')),
  },
  {
    key: 'indicatorsDashboards',
    group: 'indicators',
    label: 'nav.indicatorsDashboards',
    path: '/chi-tieu/bang-dieu-khien',
    permission: 'indicators.read',
    icon: <DashboardOutlined aria-hidden />,
    component: lazy(() => import('../features/indicators/analysis/DashboardsPage.tsx')),
  },
  {
    key: 'indicatorsCatalogue',
    group: 'indicators',
    label: 'nav.indicatorsCatalogue',
    path: '/chi-tieu/danh-muc',
    permission: 'indicators.manage',
    icon: <TableOutlined aria-hidden />,
    component: lazy(() => import('../features/indicators/admin/CataloguePage.tsx')),
  },
  {
    key: 'indicatorsForms',
    group: 'indicators',
    label: 'nav.indicatorsForms',
    path: '/chi-tieu/bieu-mau',
    permission: 'indicators.manage',
    icon: <ProfileOutlined aria-hidden />,
    component: lazy(() => import('../features/indicators/admin/FormsPage.tsx')),
  },
  {
    key: 'indicatorsRules',
    group: 'indicators',
    label: 'nav.indicatorsRules',
    path: '/chi-tieu/quy-tac',
    permission: 'indicators.manage',
    icon: <CheckSquareOutlined aria-hidden />,
    component: lazy(() => import('../features/indicators/admin/RulesPage.tsx')),
  },
  {
    key: 'changePassword',
    group: 'personal',
    label: 'nav.changePassword',
    path: '/ca-nhan/doi-mat-khau',
    icon: <KeyOutlined aria-hidden />,
    component: lazy(() => import('../features/auth/ChangePasswordPage.tsx')),
  },
  {
    key: 'sessions',
    group: 'personal',
    label: 'nav.sessions',
    path: '/ca-nhan/phien-dang-nhap',
    icon: <LaptopOutlined aria-hidden />,
    component: lazy(() => import('../features/auth/SessionsPage.tsx')),
  },
  {
    key: 'mailPreferences',
    group: 'personal',
    label: 'nav.mailPreferences',
    path: '/ca-nhan/thong-bao-thu',
    icon: <MailOutlined aria-hidden />,
    component: lazy(() => import('../features/mail/MailPreferencesPage.tsx')),
  },
];

/** The entries a person may use, given their permissions. */
export function allowedNav(permissions: readonly string[]): NavEntry[] {
  return NAV.filter((e) => !e.hidden && (!e.permission || permissions.includes(e.permission)));
}

/** The menu entry whose path matches the location (longest match), for the selected menu item. */
export function entryFor(pathname: string): NavEntry | undefined {
  return NAV.filter((e) => !e.hidden)
    .sort((a, b) => b.path.length - a.path.length)
    .find((e) =>
      e.path === '/' ? pathname === '/' : pathname === e.path || pathname.startsWith(`${e.path}/`),
    );
}

import type { Role } from '../../../shared/roles.ts';

/**
 * Every route declares one of these in `config.permission`. `public` needs nothing,
 * `authenticated` any signed-in person with a complete session; the others come from roles.
 * `session` routes work before the session is complete (password change, TOTP step, sign-out).
 */
export const PERMISSIONS = [
  'public',
  'session',
  'authenticated',
  'documents',
  'dossiers',
  /**
   * Archive transfer and the agency archive (văn thư, người làm lưu trữ, lãnh đạo): the transfer
   * screens, the archive's holdings and the disposal review. Which of them takes a package in and
   * records the hand-over depends on the agency (its archivists, else its clerks): the dossiers
   * module decides that per request, since a role cannot say it.
   */
  'dossiers.archive',
  'agencies.manage',
  'people.manage',
  'audit.read',
  'jobs.manage',
  /** The agency's official mailbox and its outgoing queue. */
  'mail.manage',
  /** The clerk's list of messages from the official mailbox. */
  'mail.receive',
  'system.manage',
  /** Signed requests from a peer installation (edXML exchange): no session; the route verifies the signature. */
  'peer.signed',
  /** Registering peer installations and watching their queues. */
  'exchange.manage',
  /** Importing an edXML package into the agency's incoming queue (văn thư). */
  'exchange.import',
  /** Socio-economic indicators: the catalogue, analysis and dashboards (every role but the archivist). */
  'indicators.read',
  /** Entering and submitting the own agency's indicator reports. */
  'indicators.report',
  /** Approving or returning the reports that wait for the own agency (the next level up the tree). */
  'indicators.approve',
  /** The indicator catalogue, report forms, validation rules and reopening a locked period. */
  'indicators.manage',
  /**
   * Drafting, publishing and adjusting a weekly work schedule, and confirming meetings from
   * invitations. Which schedules: those whose office is the person's agency (the portal module checks).
   */
  'schedule.manage',
  /** Recording tasks assigned by the agency's leaders, accepting or returning their results (the office). */
  'tasks.manage',
  /** Reporting progress and results of the tasks assigned to the own agency. */
  'tasks.report',
  /** Sending announcements from the own agency and seeing who has read them. */
  'announcements.publish',
  /** The agency's DOCX templates of the Decree 30 document types (its administrator). */
  'templates.manage',
  /** The agency's signing keys: its seal and its signers' PKCS#12 (its administrator). */
  'signatures.keys',
  /** The trust anchors (CA certificates, CRLs) every verification uses (the system administrator). */
  'signatures.trust',
  /** The legal documents base: entering, importing and linking records (the agency keeps its own). */
  'legal.manage',
  /** Sending a signed legal document of the own agency to the gazette. */
  'gazette.submit',
  /** Editing and publishing the gazette: only people of the gazette office (the legal module checks). */
  'gazette.edit',
  /** Making copies (sao y, sao lục, trích sao) and sending them to agencies (văn thư, lãnh đạo). */
  'legal.copy',
  /**
   * An applicant's own requests (citizens and businesses, signed in with their own cookie
   * `lt_applicant`, apart from staff sessions): the guard lets them through like `public`, and the
   * services module resolves the applicant and checks its CSRF token in the route (applicant-auth.ts).
   */
  'applicant',
  /** The catalogue of administrative procedures: entering, importing, versioning (kiểm soát TTHC). */
  'services.catalogue',
  /** The one-stop desk (bộ phận một cửa): receiving, accepting, supplements, refusals, returning results, fees. */
  'services.desk',
  /** Handling the steps of a dossier handed to the person or their division, and leaders' approval. */
  'services.handle',
  /** The public-service figures (QĐ 766) of the own agency, and the province's for the province's people. */
  'services.figures',
  /**
   * Citizens' feedback, complaints and denunciations: receiving at the desk or by post, classifying,
   * forwarding, refusing, linking duplicates and the register (văn thư, lãnh đạo).
   */
  'feedback.receive',
  /** Reading the own agency's items and handling those one is named on (the module checks who). */
  'feedback.handle',
  /** Naming the settlers and verifiers of a case (lãnh đạo): who may open a denouncer's identity. */
  'feedback.assign',
  /** The feedback figures of the own agency, and the province's for the province's people. */
  'feedback.figures',
  /**
   * The measured figures (issue 20): the own agency's and the units' below it; the whole province's
   * for the province's people and the IT department (reports settings).
   */
  'reports.measures',
  /** Which agency is the province's IT department (system administrator). */
  'reports.settings',
  /** Filling and submitting the own agency's periodic reports. */
  'reports.fill',
  /**
   * The IT department's work on periodic reports: templates, cycles, returning and accepting the
   * agencies' reports, consolidating the province's report. The module checks that the person's agency
   * is the IT department of the reports' settings (or that the person is the system administrator).
   */
  'reports.consolidate',
  /** Drafting the own agency's IT plans, submitting them, reporting their tasks' progress. */
  'plans.edit',
  /**
   * Appraising IT plans (the IT department's people) and approving them (the People's Committee's
   * leaders): the module checks which agency the person belongs to.
   */
  'plans.review',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ADMIN: Permission[] = [
  'agencies.manage',
  'people.manage',
  'audit.read',
  'jobs.manage',
  'mail.manage',
  'indicators.read',
  'announcements.publish',
  'templates.manage',
  'signatures.keys',
];
const REPORT: Permission[] = ['indicators.read', 'indicators.report'];
/** The operational portal's work for anyone who handles documents. */
const PORTAL: Permission[] = ['tasks.report'];

/** What each role may do beyond `authenticated`. Agency admins are scoped to their own agency in queries. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  clerk: [
    'documents',
    'dossiers',
    'dossiers.archive',
    'mail.receive',
    'exchange.import',
    ...REPORT,
    ...PORTAL,
    'schedule.manage',
    'tasks.manage',
    'announcements.publish',
    'legal.manage',
    'gazette.submit',
    'gazette.edit',
    'legal.copy',
    'services.desk',
    'services.handle',
    'services.figures',
    'feedback.receive',
    'feedback.handle',
    'feedback.figures',
    'reports.measures',
    'reports.fill',
  ],
  /** Reads dossiers handed to the archive and keeps it; no documents, mail or exchange. */
  archivist: ['dossiers', 'dossiers.archive'],
  officer: [
    'documents',
    'dossiers',
    ...REPORT,
    ...PORTAL,
    'schedule.manage',
    'legal.manage',
    'services.handle',
    'feedback.handle',
    'reports.fill',
    'reports.consolidate',
    'plans.edit',
    'plans.review',
  ],
  division_head: [
    'documents',
    'dossiers',
    ...REPORT,
    'indicators.approve',
    ...PORTAL,
    'schedule.manage',
    'announcements.publish',
    'services.handle',
    'services.figures',
    'feedback.handle',
    'feedback.figures',
    'reports.measures',
    'reports.fill',
    'reports.consolidate',
    'plans.edit',
    'plans.review',
  ],
  agency_leader: [
    'documents',
    'dossiers',
    'dossiers.archive',
    'audit.read',
    ...REPORT,
    'indicators.approve',
    ...PORTAL,
    'schedule.manage',
    'tasks.manage',
    'announcements.publish',
    'legal.manage',
    'gazette.submit',
    'gazette.edit',
    'legal.copy',
    'services.desk',
    'services.handle',
    'services.figures',
    'feedback.receive',
    'feedback.handle',
    'feedback.assign',
    'feedback.figures',
    'reports.measures',
    'reports.fill',
    'reports.consolidate',
    'plans.edit',
    'plans.review',
  ],
  agency_admin: [...ADMIN, 'services.catalogue', 'services.figures', 'reports.measures'],
  // The indicators' catalogue, forms and rules are the province's, not one agency's: only the
  // system administrator changes them.
  system_admin: [
    ...ADMIN,
    'system.manage',
    'exchange.manage',
    'indicators.manage',
    'signatures.trust',
    'services.catalogue',
    'services.figures',
    'reports.measures',
    'reports.settings',
    'reports.consolidate',
    'plans.review',
  ],
};

export function roleAllows(role: Role, permission: Permission): boolean {
  if (permission === 'public' || permission === 'session' || permission === 'authenticated') return true;
  if (permission === 'peer.signed' || permission === 'applicant') return false;
  return ROLE_PERMISSIONS[role].includes(permission);
}

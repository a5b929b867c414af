import iconv from 'iconv-lite';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';

/** A well-formed message built by nodemailer's composer. */
export function compose(opts: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> {
  return new MailComposer(opts).compile().build();
}

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * Vietnamese in windows-1258: letters with circumflex, breve or horn are precomposed, tone marks are
 * combining characters (the code page has no precomposed toned vowels).
 */
export function toWindows1258(text: string): Buffer {
  const out: string[] = [];
  for (const ch of text.normalize('NFC')) {
    const d = ch.normalize('NFD');
    const tones = d.match(TONES)?.join('') ?? '';
    const base = d.replace(TONES, '').normalize('NFC');
    out.push(base + tones);
  }
  return iconv.encode(out.join(''), 'windows1258');
}

const CRLF = '\r\n';

/** Subject and body in windows-1258, as older Vietnamese mail clients send them. */
export function windows1258Message(subject: string, body: string, attachment: Buffer): Buffer {
  const b = 'b1258-boundary';
  const head = [
    `From: =?windows-1258?B?${toWindows1258('Phòng Tài chính').toString('base64')}?= <tckh@huyen.test>`,
    'To: vanthu@coquan.test',
    `Subject: =?windows-1258?B?${toWindows1258(subject).toString('base64')}?=`,
    'Date: Mon, 23 Nov 2026 08:15:00 +0700',
    'Message-ID: <w1258.1@huyen.test>',
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${b}"`,
  ].join(CRLF);
  return Buffer.concat([
    Buffer.from(
      `${head}${CRLF}${CRLF}--${b}${CRLF}Content-Type: text/plain; charset=windows-1258${CRLF}Content-Transfer-Encoding: 8bit${CRLF}${CRLF}`,
    ),
    toWindows1258(body),
    Buffer.from(
      `${CRLF}--${b}${CRLF}Content-Type: application/pdf; name="bao-cao.pdf"${CRLF}Content-Disposition: attachment; filename="bao-cao.pdf"${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}${attachment.toString('base64').replace(/.{76}/g, `$&${CRLF}`)}${CRLF}--${b}--${CRLF}`,
    ),
  ]);
}

/** A multipart message whose closing boundary never comes (cut off in transit). */
export function truncatedMultipart(attachment: Buffer): Buffer {
  const b = 'cut-boundary';
  return Buffer.from(
    [
      'From: Xa Thu <xa@thu.test>',
      'To: vanthu@coquan.test',
      'Subject: Bao cao bi cat cut',
      'Message-ID: <cut.1@thu.test>',
      'MIME-Version: 1.0',
      `Content-Type: multipart/mixed; boundary="${b}"`,
      '',
      `--${b}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Kinh gui van thu',
      `--${b}`,
      'Content-Type: application/pdf; name="a.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      attachment.toString('base64').slice(0, 40),
      '',
    ].join(CRLF),
  );
}

/** A message in a charset nobody knows. */
export function unknownCharsetMessage(): Buffer {
  return Buffer.from(
    [
      'From: Ai Do <ai@la.test>',
      'To: vanthu@coquan.test',
      'Subject: =?x-klingon?Q?tlhIngan_Hol?=',
      'Message-ID: <klingon.1@la.test>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset="x-klingon"',
      '',
      'nuqneH',
      '',
    ].join(CRLF),
  );
}

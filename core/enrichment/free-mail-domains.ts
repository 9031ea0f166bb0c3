// Personal mailbox providers: an address at one of these says nothing about the person's employer.
// Vendored (no network at run time); extend by adding lines.

export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  // Google, Microsoft, Yahoo, Apple, AOL
  'gmail.com', 'googlemail.com', 'outlook.com', 'outlook.de', 'outlook.fr', 'outlook.es', 'outlook.it',
  'hotmail.com', 'hotmail.co.uk', 'hotmail.de', 'hotmail.fr', 'hotmail.es', 'hotmail.it', 'hotmail.nl',
  'live.com', 'live.co.uk', 'live.de', 'live.fr', 'live.nl', 'msn.com', 'passport.com',
  'yahoo.com', 'yahoo.co.uk', 'yahoo.de', 'yahoo.fr', 'yahoo.es', 'yahoo.it', 'yahoo.ca', 'yahoo.com.au',
  'yahoo.co.in', 'yahoo.co.jp', 'yahoo.com.br', 'yahoo.com.mx', 'ymail.com', 'rocketmail.com',
  'icloud.com', 'me.com', 'mac.com', 'aol.com', 'aim.com', 'aol.de',
  // Privacy-focused
  'proton.me', 'protonmail.com', 'protonmail.ch', 'pm.me', 'tutanota.com', 'tutanota.de', 'tuta.io', 'tuta.com',
  'posteo.de', 'posteo.net', 'mailbox.org', 'startmail.com', 'hushmail.com', 'fastmail.com', 'fastmail.fm',
  'runbox.com', 'disroot.org', 'riseup.net', 'skiff.com',
  // Germany, Austria, Switzerland
  'gmx.de', 'gmx.net', 'gmx.at', 'gmx.ch', 'gmx.com', 'web.de', 't-online.de', 'freenet.de', 'arcor.de',
  'online.de', '1und1.de', 'email.de', 'bluewin.ch', 'sunrise.ch', 'aon.at', 'chello.at',
  // France, Belgium, Italy, Spain, Netherlands
  'orange.fr', 'wanadoo.fr', 'free.fr', 'sfr.fr', 'laposte.net', 'neuf.fr', 'skynet.be', 'telenet.be',
  'libero.it', 'virgilio.it', 'alice.it', 'tiscali.it', 'tin.it', 'email.it', 'terra.es', 'telefonica.net',
  'ziggo.nl', 'kpnmail.nl', 'planet.nl', 'home.nl', 'hetnet.nl',
  // United Kingdom, Ireland
  'btinternet.com', 'sky.com', 'virginmedia.com', 'ntlworld.com', 'talktalk.net', 'blueyonder.co.uk', 'eircom.net',
  // Nordics, Eastern Europe
  'telia.com', 'online.no', 'seznam.cz', 'centrum.cz', 'wp.pl', 'o2.pl', 'onet.pl', 'interia.pl',
  'mail.ru', 'inbox.ru', 'list.ru', 'bk.ru', 'yandex.ru', 'yandex.com', 'rambler.ru', 'ukr.net',
  // Americas, Asia, elsewhere
  'comcast.net', 'verizon.net', 'att.net', 'sbcglobal.net', 'bellsouth.net', 'cox.net', 'charter.net',
  'earthlink.net', 'optonline.net', 'shaw.ca', 'rogers.com', 'sympatico.ca', 'bigpond.com', 'optusnet.com.au',
  'xtra.co.nz', 'uol.com.br', 'bol.com.br', 'terra.com.br', 'qq.com', '163.com', '126.com', 'sina.com',
  'naver.com', 'daum.net', 'hanmail.net', 'rediffmail.com', 'zoho.com', 'zohomail.com', 'mail.com',
  'email.com', 'usa.com', 'inbox.com', 'gmx.us', 'hey.com',
]);

export function isFreeMailDomain(domain: string): boolean {
  return FREE_MAIL_DOMAINS.has(domain.toLowerCase());
}

// Throwaway-address services: a lead at one of these is very likely not a real prospect.
// Vendored (no network at run time); extend by adding lines.

export const DISPOSABLE_DOMAINS: ReadonlySet<string> = new Set([
  'mailinator.com', 'mailinator.net', 'mailinator2.com', 'notmailinator.com', 'reallymymail.com',
  'guerrillamail.com', 'guerrillamail.net', 'guerrillamail.org', 'guerrillamail.biz', 'guerrillamail.de',
  'guerrillamailblock.com', 'sharklasers.com', 'grr.la', 'pokemail.net', 'spam4.me',
  '10minutemail.com', '10minutemail.net', '10minutemail.co.uk', '10minemail.com', '20minutemail.com',
  'temp-mail.org', 'temp-mail.io', 'tempmail.com', 'tempmail.net', 'tempmailo.com', 'tempmail.plus',
  'tempr.email', 'tempinbox.com', 'tempmailaddress.com', 'temporarymail.com', 'tmpmail.org', 'tmpmail.net',
  'throwawaymail.com', 'throwam.com', 'trashmail.com', 'trashmail.net', 'trashmail.de', 'trashmail.io',
  'trash-mail.com', 'trashmail.me', 'wegwerfmail.de', 'wegwerfmail.net', 'wegwerfmail.org', 'einrot.com',
  'yopmail.com', 'yopmail.fr', 'yopmail.net', 'cool.fr.nf', 'jetable.fr.nf', 'nospam.ze.tc', 'nomail.xl.cx',
  'mega.zik.dj', 'speed.1s.fr', 'courriel.fr.nf', 'moncourrier.fr.nf', 'monemail.fr.nf', 'monmail.fr.nf',
  'getnada.com', 'nada.email', 'dispostable.com', 'maildrop.cc', 'mailnesia.com', 'mailcatch.com',
  'mintemail.com', 'mohmal.com', 'mytemp.email', 'emailondeck.com', 'fakeinbox.com', 'fakemail.net',
  'fake-mail.net', 'getairmail.com', 'airmail.cc', 'spambox.us', 'spamgourmet.com', 'spamex.com',
  'spamfree24.org', 'spaml.com', 'spamdecoy.net', 'mailexpire.com', 'mailforspam.com', 'mailmoat.com',
  'mailnull.com', 'mailshell.com', 'mailtemp.info', 'mailtothis.com', 'mailzilla.com', 'meltmail.com',
  'mt2015.com', 'mytrashmail.com', 'no-spam.ws', 'nobulk.com', 'noclickemail.com', 'nowmymail.com',
  'objectmail.com', 'onewaymail.com', 'owlpic.com', 'proxymail.eu', 'rcpt.at', 'recode.me', 'rmqkr.net',
  'safetymail.info', 'selfdestructingmail.com', 'sendspamhere.com', 'shieldedmail.com', 'sofort-mail.de',
  'spamavert.com', 'spambog.com', 'spambog.de', 'spambog.ru', 'spamcorptastic.com', 'spamcowboy.com',
  'spamherelots.com', 'spamhole.com', 'spamify.com', 'spaminator.de', 'spamspot.com', 'spamthis.co.uk',
  'supergreatmail.com', 'suremail.info', 'teleworm.us', 'tempemail.net', 'tempomail.fr', 'temporaryinbox.com',
  'thankyou2010.com', 'thisisnotmyrealemail.com', 'tradermail.info', 'turual.com', 'twinmail.de',
  'upliftnow.com', 'uroid.com', 'veryrealemail.com', 'viditag.com', 'webm4il.info', 'wh4f.org',
  'whyspam.me', 'willselfdestruct.com', 'wuzupmail.net', 'xagloo.com', 'xemaps.com', 'xents.com',
  'xmaily.com', 'xoxy.net', 'yuurok.com', 'zehnminutenmail.de', 'zippymail.info', 'zoemail.org',
  'burnermail.io', 'discard.email', 'discardmail.com', 'discardmail.de', 'dropmail.me', 'emailfake.com',
  'emltmp.com', 'fexbox.org', 'inboxkitten.com', 'mail.tm', 'mailpoof.com', 'mailsac.com', 'moakt.com',
  'linshiyouxiang.net', 'harakirimail.com', 'anonbox.net', 'anonymbox.com', 'byom.de', 'cuvox.de',
  'dayrep.com', 'armyspy.com', 'fleckens.hu', 'gustr.com', 'jourrapide.com', 'rhyta.com', 'superrito.com',
]);

export function isDisposableDomain(domain: string): boolean {
  return DISPOSABLE_DOMAINS.has(domain.toLowerCase());
}

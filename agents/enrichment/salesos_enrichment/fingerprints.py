"""Technologies a sales team cares about, recognised from a homepage: script and link URLs, the HTML itself
(inline snippets, generator tags), cookies and response headers. Each detection keeps its evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CRM = "CRM & marketing automation"
ANALYTICS = "Analytics"
ADS = "Advertising & intent data"
CHAT = "Chat & support"
SHOP = "E-commerce"
CMS = "CMS & site builders"
FRAMEWORK = "Frameworks"
HOSTING = "CDN & hosting"
PAYMENTS = "Payments"
CONSENT = "Consent & security"
SCHEDULING = "Scheduling & forms"
MEDIA = "Video"
MONITORING = "Monitoring"


@dataclass(frozen=True)
class Fingerprint:
    name: str
    category: str
    urls: tuple[str, ...] = ()  # script src, link href, iframe/img src
    html: tuple[str, ...] = ()  # anywhere in the page (inline scripts, markup)
    headers: tuple[tuple[str, str], ...] = ()  # (header name, value pattern)
    cookies: tuple[str, ...] = ()  # cookie name patterns
    generator: str | None = None  # <meta name="generator">
    compiled: dict[str, list[re.Pattern[str]]] = field(default_factory=dict, compare=False)


def fp(name: str, category: str, **kw: object) -> Fingerprint:
    return Fingerprint(name, category, **kw)  # type: ignore[arg-type]


FINGERPRINTS: tuple[Fingerprint, ...] = (
    # CRM and marketing automation
    fp("HubSpot", CRM, urls=(r"js\.hs-scripts\.com", r"js\.hsforms\.net", r"js\.hs-analytics\.net", r"js\.hubspot\.com",
                             r"js\.hs-banner\.com"), html=(r"\b_hsq\b",), cookies=(r"^hubspotutk$", r"^__hstc$")),
    fp("Salesforce", CRM, urls=(r"\.my\.salesforce\.com", r"\.force\.com/", r"service\.force\.com",
                                r"salesforce-scrt\.com"), html=(r"embedded_svc\.init",)),
    fp("Pardot", CRM, urls=(r"pi\.pardot\.com", r"go\.pardot\.com"), html=(r"\bpiAId\b",), cookies=(r"^visitor_id\d+",)),
    fp("Marketo", CRM, urls=(r"munchkin\.marketo\.net", r"\.marketo\.com/", r"mktoresp\.com"),
       html=(r"Munchkin\.init",), cookies=(r"^_mkto_trk$",)),
    fp("Oracle Eloqua", CRM, urls=(r"img\.en25\.com", r"elqcfg", r"\.eloqua\.com"), cookies=(r"^ELOQUA$",)),
    fp("Mailchimp", CRM, urls=(r"chimpstatic\.com", r"list-manage\.com"), html=(r"mc\.us\d+\.list-manage",)),
    fp("ActiveCampaign", CRM, urls=(r"trackcmp\.net", r"\.activehosted\.com")),
    fp("Klaviyo", CRM, urls=(r"static\.klaviyo\.com", r"klaviyo\.com/onsite"), cookies=(r"^__kla_id$",)),
    fp("Pipedrive", CRM, urls=(r"pipedriveassets\.com", r"leadbooster-chat\.pipedrive\.com")),
    fp("Zoho SalesIQ", CRM, urls=(r"salesiq\.zoho\.", r"zohopublic\.")),
    fp("Brevo", CRM, urls=(r"sibautomation\.com", r"sendinblue\.com", r"brevo\.com/js")),
    fp("Customer.io", CRM, urls=(r"assets\.customer\.io",)),
    fp("Braze", CRM, urls=(r"js\.appboycdn\.com", r"braze\.com/web-sdk")),
    fp("Iterable", CRM, urls=(r"js\.iterable\.com",)),
    fp("Unbounce", CRM, urls=(r"unbounce\.com", r"ubembed\.com")),
    # Intent data, ads and pixels
    fp("6sense", ADS, urls=(r"j\.6sc\.co", r"6sense\.com"), cookies=(r"^_gd_visitor$",)),
    fp("Clearbit", ADS, urls=(r"tag\.clearbitscripts\.com", r"clearbit\.com/v1")),
    fp("ZoomInfo", ADS, urls=(r"ws\.zoominfo\.com", r"js\.zi-scripts\.com")),
    fp("Demandbase", ADS, urls=(r"tag\.demandbase\.com", r"scripts\.demandbase\.com")),
    fp("Leadfeeder", ADS, urls=(r"lftracker\.leadfeeder\.com", r"sc\.lfeeder\.com")),
    fp("Meta Pixel", ADS, urls=(r"connect\.facebook\.net/[^\"']*/fbevents\.js",), html=(r"\bfbq\(\s*['\"]init",)),
    fp("LinkedIn Insight Tag", ADS, urls=(r"snap\.licdn\.com",), html=(r"_linkedin_partner_id",)),
    fp("Google Ads", ADS, urls=(r"googleadservices\.com", r"googleads\.g\.doubleclick\.net"), html=(r"['\"]AW-\d{6,}",)),
    fp("Microsoft Advertising", ADS, urls=(r"bat\.bing\.com",)),
    fp("X Ads", ADS, urls=(r"static\.ads-twitter\.com",)),
    fp("TikTok Pixel", ADS, urls=(r"analytics\.tiktok\.com",)),
    fp("Reddit Pixel", ADS, urls=(r"redditstatic\.com/ads",)),
    # Analytics and experimentation
    fp("Google Analytics", ANALYTICS, urls=(r"google-analytics\.com/(analytics|ga)\.js", r"googletagmanager\.com/gtag/js"),
       html=(r"gtag\(\s*['\"]config['\"]",), cookies=(r"^_ga$", r"^_gid$")),
    fp("Google Tag Manager", ANALYTICS, urls=(r"googletagmanager\.com/gtm\.js",), html=(r"\bGTM-[A-Z0-9]{4,8}\b",)),
    fp("Segment", ANALYTICS, urls=(r"cdn\.segment\.com", r"cdn\.segment\.io"), cookies=(r"^ajs_anonymous_id$",)),
    fp("Mixpanel", ANALYTICS, urls=(r"cdn\.mxpnl\.com", r"cdn4\.mxpnl\.com", r"mixpanel\.com/libs"), html=(r"mixpanel\.init",)),
    fp("Amplitude", ANALYTICS, urls=(r"cdn\.amplitude\.com", r"amplitude\.com/libs")),
    fp("Heap", ANALYTICS, urls=(r"cdn\.heapanalytics\.com", r"heapanalytics\.com/js"), html=(r"heap\.load\(",)),
    fp("Hotjar", ANALYTICS, urls=(r"static\.hotjar\.com",), html=(r"\bhjid\s*:",), cookies=(r"^_hjSessionUser",)),
    fp("FullStory", ANALYTICS, urls=(r"edge\.fullstory\.com", r"fullstory\.com/s/fs\.js"), html=(r"window\['_fs_org'\]",)),
    fp("Microsoft Clarity", ANALYTICS, urls=(r"clarity\.ms/tag",)),
    fp("Plausible", ANALYTICS, urls=(r"plausible\.io/js",)),
    fp("Matomo", ANALYTICS, urls=(r"matomo\.js", r"piwik\.js"), html=(r"\b_paq\.push",)),
    fp("Adobe Analytics", ANALYTICS, urls=(r"\.sc\.omtrdc\.net", r"AppMeasurement", r"s_code\.js")),
    fp("Adobe Experience Platform", ANALYTICS, urls=(r"assets\.adobedtm\.com",)),
    fp("PostHog", ANALYTICS, urls=(r"posthog\.com/static", r"us-assets\.i\.posthog\.com"), html=(r"posthog\.init\(",)),
    fp("Pendo", ANALYTICS, urls=(r"cdn\.pendo\.io",)),
    fp("Optimizely", ANALYTICS, urls=(r"cdn\.optimizely\.com",)),
    fp("VWO", ANALYTICS, urls=(r"dev\.visualwebsiteoptimizer\.com",)),
    # Chat and support widgets
    fp("Intercom", CHAT, urls=(r"widget\.intercom\.io", r"js\.intercomcdn\.com"), html=(r"intercomSettings",),
       cookies=(r"^intercom-",)),
    fp("Drift", CHAT, urls=(r"js\.driftt\.com", r"js\.drift\.com"), html=(r"drift\.load\(",)),
    fp("Zendesk", CHAT, urls=(r"static\.zdassets\.com", r"\.zendesk\.com/embeddable"), html=(r"zESettings",)),
    fp("Freshworks", CHAT, urls=(r"widget\.freshworks\.com", r"wchat\.freshchat\.com", r"freshdesk\.com/widget")),
    fp("LiveChat", CHAT, urls=(r"cdn\.livechatinc\.com",)),
    fp("Tawk.to", CHAT, urls=(r"embed\.tawk\.to",)),
    fp("Crisp", CHAT, urls=(r"client\.crisp\.chat",)),
    fp("Olark", CHAT, urls=(r"static\.olark\.com",)),
    fp("Tidio", CHAT, urls=(r"code\.tidio\.co",)),
    fp("Gorgias", CHAT, urls=(r"config\.gorgias\.chat",)),
    fp("Help Scout", CHAT, urls=(r"beacon-v2\.helpscout\.net",)),
    fp("Qualified", CHAT, urls=(r"js\.qualified\.com",)),
    fp("Trustpilot", CHAT, urls=(r"widget\.trustpilot\.com",)),
    # Scheduling and forms
    fp("Calendly", SCHEDULING, urls=(r"assets\.calendly\.com", r"calendly\.com/assets")),
    fp("Chili Piper", SCHEDULING, urls=(r"js\.chilipiper\.com",)),
    fp("Typeform", SCHEDULING, urls=(r"embed\.typeform\.com",)),
    fp("Jotform", SCHEDULING, urls=(r"form\.jotform\.com", r"cdn\.jotfor\.ms")),
    # E-commerce
    fp("Shopify", SHOP, urls=(r"cdn\.shopify\.com",), html=(r"Shopify\.theme",),
       headers=(("x-shopid", r"."), ("x-shopify-stage", r"."))),
    fp("WooCommerce", SHOP, urls=(r"/plugins/woocommerce/",), html=(r"woocommerce-",)),
    fp("Magento", SHOP, urls=(r"/static/version\d+/frontend/",), html=(r"Mage\.Cookies", r"data-mage-init"),
       cookies=(r"^mage-cache",)),
    fp("BigCommerce", SHOP, urls=(r"cdn\d*\.bigcommerce\.com",)),
    fp("Salesforce Commerce Cloud", SHOP, urls=(r"demandware\.(static|net)",), cookies=(r"^dwsid$",)),
    fp("PrestaShop", SHOP, html=(r"var prestashop\b",), generator=r"PrestaShop"),
    # CMS and site builders
    fp("WordPress", CMS, urls=(r"/wp-content/", r"/wp-includes/"), generator=r"WordPress"),
    fp("Drupal", CMS, urls=(r"/sites/default/files/",), headers=(("x-drupal-cache", r"."), ("x-generator", r"Drupal")),
       generator=r"Drupal"),
    fp("Joomla", CMS, generator=r"Joomla"),
    fp("Ghost", CMS, generator=r"Ghost"),
    fp("Squarespace", CMS, urls=(r"static1\.squarespace\.com",), generator=r"Squarespace"),
    fp("Wix", CMS, urls=(r"static\.wixstatic\.com", r"static\.parastorage\.com"), headers=(("x-wix-request-id", r"."),),
       generator=r"Wix\.com"),
    fp("Webflow", CMS, urls=(r"website-files\.com", r"webflow\.js"), html=(r"data-wf-page",), generator=r"Webflow"),
    fp("HubSpot CMS", CMS, headers=(("x-hs-hub-id", r"."),), generator=r"HubSpot"),
    fp("Contentful", CMS, urls=(r"images\.ctfassets\.net", r"cdn\.contentful\.com")),
    fp("Sanity", CMS, urls=(r"cdn\.sanity\.io",)),
    fp("Framer", CMS, urls=(r"framerusercontent\.com",), generator=r"Framer"),
    # Frameworks
    fp("Next.js", FRAMEWORK, urls=(r"/_next/static/",), html=(r"__NEXT_DATA__",), headers=(("x-powered-by", r"Next\.js"),)),
    fp("Nuxt", FRAMEWORK, urls=(r"/_nuxt/",), html=(r"window\.__NUXT__",)),
    fp("Gatsby", FRAMEWORK, html=(r"id=\"___gatsby\"",), generator=r"Gatsby"),
    fp("React", FRAMEWORK, urls=(r"react(-dom)?(\.production)?(\.min)?\.js",), html=(r"data-reactroot", r"__NEXT_DATA__")),
    fp("Vue.js", FRAMEWORK, urls=(r"vue(\.runtime)?(\.global)?(\.prod)?(\.min)?\.js",), html=(r"data-v-[0-9a-f]{8}\b",)),
    fp("Angular", FRAMEWORK, html=(r"ng-version=\"",)),
    fp("Svelte", FRAMEWORK, html=(r"__sveltekit", r"class=\"[^\"]*svelte-[a-z0-9]{6}")),
    fp("jQuery", FRAMEWORK, urls=(r"jquery([.-]\d[\d.]*)?(\.min)?\.js",)),
    fp("Bootstrap", FRAMEWORK, urls=(r"bootstrap(\.bundle)?(\.min)?\.(css|js)",)),
    fp("Laravel", FRAMEWORK, cookies=(r"^laravel_session$",)),
    fp("Ruby on Rails", FRAMEWORK, html=(r"name=\"csrf-param\" content=\"authenticity_token\"",),
       headers=(("x-runtime", r"^\d+\.\d+$"),)),
    fp("Django", FRAMEWORK, html=(r"csrfmiddlewaretoken",), cookies=(r"^csrftoken$", r"^django_language$")),
    fp("PHP", FRAMEWORK, headers=(("x-powered-by", r"PHP"),), cookies=(r"^PHPSESSID$",)),
    fp("ASP.NET", FRAMEWORK, headers=(("x-aspnet-version", r"."), ("x-powered-by", r"ASP\.NET")),
       cookies=(r"^ASP\.NET_SessionId$",)),
    fp("Express", FRAMEWORK, headers=(("x-powered-by", r"^Express$"),)),
    # CDN and hosting
    fp("Cloudflare", HOSTING, headers=(("server", r"cloudflare"), ("cf-ray", r".")), cookies=(r"^__cf_bm$", r"^__cflb$")),
    fp("Amazon CloudFront", HOSTING, headers=(("x-amz-cf-id", r"."), ("via", r"CloudFront"))),
    fp("Amazon Web Services", HOSTING, headers=(("server", r"^AmazonS3$|^awselb"), ("x-amz-request-id", r".")),
       cookies=(r"^AWSALB$", r"^AWSELB$")),
    fp("Fastly", HOSTING, headers=(("x-fastly-request-id", r"."), ("x-served-by", r"cache-[a-z]{3}\d"))),
    fp("Akamai", HOSTING, headers=(("server", r"AkamaiGHost"), ("x-akamai-transformed", r"."), ("akamai-grn", r"."))),
    fp("Vercel", HOSTING, headers=(("x-vercel-id", r"."), ("server", r"^Vercel$"))),
    fp("Netlify", HOSTING, headers=(("x-nf-request-id", r"."), ("server", r"^Netlify$"))),
    fp("Google Cloud", HOSTING, headers=(("server", r"^Google Frontend$"), ("via", r"1\.1 google"))),
    fp("Microsoft Azure", HOSTING, headers=(("x-azure-ref", r"."), ("x-msedge-ref", r"."))),
    fp("Heroku", HOSTING, headers=(("via", r"vegur"),)),
    fp("GitHub Pages", HOSTING, headers=(("server", r"^GitHub\.com$"),)),
    fp("Nginx", HOSTING, headers=(("server", r"^nginx"),)),
    fp("Apache HTTP Server", HOSTING, headers=(("server", r"^Apache"),)),
    fp("Microsoft IIS", HOSTING, headers=(("server", r"^Microsoft-IIS"),)),
    fp("jsDelivr", HOSTING, urls=(r"cdn\.jsdelivr\.net",)),
    fp("cdnjs", HOSTING, urls=(r"cdnjs\.cloudflare\.com",)),
    # Payments
    fp("Stripe", PAYMENTS, urls=(r"js\.stripe\.com",), cookies=(r"^__stripe_mid$",)),
    fp("PayPal", PAYMENTS, urls=(r"paypal\.com/sdk/js", r"paypalobjects\.com")),
    fp("Braintree", PAYMENTS, urls=(r"js\.braintreegateway\.com",)),
    fp("Adyen", PAYMENTS, urls=(r"checkoutshopper-(live|test)\.adyen\.com",)),
    fp("Klarna", PAYMENTS, urls=(r"x\.klarnacdn\.net", r"klarnaservices\.com")),
    fp("Chargebee", PAYMENTS, urls=(r"js\.chargebee\.com",)),
    fp("Paddle", PAYMENTS, urls=(r"cdn\.paddle\.com",)),
    fp("Recurly", PAYMENTS, urls=(r"js\.recurly\.com",)),
    # Consent, security, monitoring, media
    fp("OneTrust", CONSENT, urls=(r"cdn\.cookielaw\.org", r"optanon"), cookies=(r"^OptanonConsent$",)),
    fp("Cookiebot", CONSENT, urls=(r"consent\.cookiebot\.com",)),
    fp("reCAPTCHA", CONSENT, urls=(r"google\.com/recaptcha", r"recaptcha\.net/recaptcha")),
    fp("hCaptcha", CONSENT, urls=(r"hcaptcha\.com/1/api\.js",)),
    fp("Auth0", CONSENT, urls=(r"cdn\.auth0\.com",)),
    fp("Sentry", MONITORING, urls=(r"browser\.sentry-cdn\.com", r"js\.sentry-cdn\.com")),
    fp("Datadog", MONITORING, urls=(r"datadoghq-browser-agent\.com", r"browser-intake-datadoghq")),
    fp("New Relic", MONITORING, urls=(r"js-agent\.newrelic\.com",), html=(r"\bNREUM\b",)),
    fp("Algolia", MONITORING, urls=(r"algolia(net)?\.(com|net)", r"algoliasearch")),
    fp("YouTube", MEDIA, urls=(r"youtube(-nocookie)?\.com/embed",)),
    fp("Vimeo", MEDIA, urls=(r"player\.vimeo\.com",)),
    fp("Wistia", MEDIA, urls=(r"fast\.wistia\.(com|net)",)),
    fp("Vidyard", MEDIA, urls=(r"play\.vidyard\.com",)),
    fp("Google Fonts", MEDIA, urls=(r"fonts\.googleapis\.com",)),
)

_FLAGS = re.IGNORECASE
for _f in FINGERPRINTS:
    _f.compiled["urls"] = [re.compile(p, _FLAGS) for p in _f.urls]
    _f.compiled["html"] = [re.compile(p, _FLAGS) for p in _f.html]
    _f.compiled["cookies"] = [re.compile(p, _FLAGS) for p in _f.cookies]
    _f.compiled["headers"] = [re.compile(p, _FLAGS) for _, p in _f.headers]
    _f.compiled["generator"] = [re.compile(_f.generator, _FLAGS)] if _f.generator else []


@dataclass(frozen=True)
class Detection:
    name: str
    category: str
    evidence: list[str]


def _clip(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def detect(
    *, html: str, resource_urls: list[str], headers: dict[str, list[str]], cookie_names: list[str], generators: list[str]
) -> list[Detection]:
    """Every technology with at least one piece of evidence, in table order."""
    found: list[Detection] = []
    for f in FINGERPRINTS:
        evidence: list[str] = []
        for pattern in f.compiled["urls"]:
            hit = next((u for u in resource_urls if pattern.search(u)), None)
            if hit:
                evidence.append(f"resource URL {_clip(hit)}")
                break
        for pattern in f.compiled["html"]:
            m = pattern.search(html)
            if m:
                evidence.append(f"page contains {_clip(m.group(0), 80)!r}")
                break
        for (name, _), pattern in zip(f.headers, f.compiled["headers"], strict=True):
            value = next((v for v in headers.get(name, []) if pattern.search(v)), None)
            if value is not None:
                evidence.append(f"response header {name}: {_clip(value, 80)}")
                break
        for pattern in f.compiled["cookies"]:
            cookie = next((c for c in cookie_names if pattern.search(c)), None)
            if cookie:
                evidence.append(f"cookie {_clip(cookie, 60)}")
                break
        for pattern in f.compiled["generator"]:
            gen = next((g for g in generators if pattern.search(g)), None)
            if gen:
                evidence.append(f"meta generator {_clip(gen, 80)!r}")
        if evidence:
            found.append(Detection(f.name, f.category, evidence))
    return found

"""Realistic homepages for the fixture sites, each with known technologies and metadata."""

from __future__ import annotations

import json

ACME_JSON_LD = {
    "@context": "https://schema.org",
    "@graph": [
        {"@type": "WebSite", "name": "Acme Robotics website", "url": "https://acme.test/"},
        {
            "@type": "Organization",
            "name": "Acme Robotics",
            "legalName": "Acme Robotics GmbH",
            "url": "https://acme.test/",
            "description": "Acme Robotics builds warehouse picking robots for mid-sized retailers.",
            "numberOfEmployees": {"@type": "QuantitativeValue", "value": 120},
            "foundingDate": "2014",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "Torstraße 1",
                "postalCode": "10119",
                "addressLocality": "Berlin",
                "addressCountry": "DE",
            },
            "sameAs": ["https://www.linkedin.com/company/acme-robotics/", "https://x.com/acmerobotics"],
        },
    ],
}

ACME = f"""<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Acme Robotics | Warehouse robots</title>
<meta name="description" content="Warehouse picking robots.">
<meta name="generator" content="WordPress 6.6.2">
<meta property="og:site_name" content="Acme">
<link rel="stylesheet" href="/wp-content/themes/acme/style.css">
<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter">
<script src="/wp-includes/js/jquery/jquery.min.js"></script>
<script type="text/javascript" id="hs-script-loader" async defer src="//js.hs-scripts.com/4567890.js"></script>
<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC123"></script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}
gtag('js',new Date());gtag('config','G-ABC123');</script>
<script>window.intercomSettings = {{ app_id: "abc123" }};</script>
<script src="https://widget.intercom.io/widget/abc123"></script>
<script src="https://js.stripe.com/v3/"></script>
<script type="application/ld+json">{json.dumps(ACME_JSON_LD)}</script>
<script type="application/ld+json">{{ this is not json </script>
</head><body>
<h1>Acme Robotics</h1>
<a href="https://www.linkedin.com/company/acme-robotics/">LinkedIn</a>
<a href="https://github.com/acme-robotics">GitHub</a>
<iframe src="https://www.youtube.com/embed/xyz"></iframe>
</body></html>"""

SHOP = """<!doctype html><html><head>
<title>Northwind Outfitters – Outdoor gear</title>
<meta property="og:site_name" content="Northwind Outfitters">
<meta property="og:description" content="Outdoor gear for every season.">
<link rel="stylesheet" href="https://cdn.shopify.com/s/files/1/theme.css">
<script src="https://static.klaviyo.com/onsite/js/klaviyo.js?company_id=AbC"></script>
<script>Shopify.theme = {"name":"Dawn"};</script>
<script src="https://x.klarnacdn.net/kp/lib/v1/api.js"></script>
</head><body><a href="https://www.facebook.com/northwindoutfitters">Facebook</a></body></html>"""

NEXT_APP = """<!doctype html><html><head><title>Brightpath - Modern HR software</title>
<meta name="application-name" content="Brightpath">
<script src="/_next/static/chunks/main.js"></script>
<script src="https://cdn.segment.com/analytics.js/v1/key/analytics.min.js"></script>
<script src="https://js.driftt.com/include/1/abc.js"></script>
<script src="https://assets.calendly.com/assets/external/widget.js"></script>
</head><body><script id="__NEXT_DATA__" type="application/json">{"props":{}}</script></body></html>"""


def filler_page(name: str, index: int) -> str:
    """Bench sites: each a different mix of known technologies."""
    scripts = [
        "https://js.hs-scripts.com/1.js", "https://cdn.segment.com/a.js", "https://widget.intercom.io/widget/x",
        "https://static.hotjar.com/c/hotjar-1.js", "https://js.stripe.com/v3/", "https://cdn.shopify.com/s/a.js",
        "https://munchkin.marketo.net/munchkin.js", "https://js.driftt.com/include/1/x.js",
    ]
    chosen = "".join(f'<script src="{s}"></script>' for i, s in enumerate(scripts) if (index >> (i % 4)) & 1 or i == index % 8)
    org = {"@context": "https://schema.org", "@type": "Organization", "name": name, "numberOfEmployees": 10 + index,
           "address": {"@type": "PostalAddress", "addressLocality": "Leeds", "addressCountry": "GB"}}
    body = "<p>" + ("Lorem ipsum dolor sit amet. " * 400) + "</p>"
    return (f"<!doctype html><html><head><title>{name}</title>{chosen}"
            f'<script type="application/ld+json">{json.dumps(org)}</script></head><body>{body}</body></html>')
